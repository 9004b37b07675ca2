package org.ntk4j.stax;

/**
 * φ(x) = a·min(x, 0) + b·max(x, 0): {@code relu} = (0, 1), {@code leakyrelu(α)} = (α, 1),
 * {@code abs} = (−1, 1). Arc-cosine kernel (Cho &amp; Saul 2009): with θ the angle between the
 * inputs, Σ̇ = (a²+b²)/2 − (a−b)²θ/(2π) and Σ′ = (a−b)²s/(2π) + Σ̇·q12.
 */
public final class ABRelu extends Nonlinearity {
  private final double a;
  private final double b;
  private final String spec;

  private ABRelu(double a, double b, String spec) {
    this.a = a;
    this.b = b;
    this.spec = spec;
  }

  public static ABRelu abRelu(double a, double b) {
    return new ABRelu(a, b, "abrelu(" + SpecFormat.num(a) + ", " + SpecFormat.num(b) + ")");
  }

  public static ABRelu relu() {
    return new ABRelu(0, 1, "relu()");
  }

  public static ABRelu leakyRelu(double alpha) {
    return new ABRelu(alpha, 1, "leakyrelu(" + SpecFormat.num(alpha) + ")");
  }

  public static ABRelu abs() {
    return new ABRelu(-1, 1, "abs()");
  }

  @Override
  protected String name() {
    return spec.substring(0, spec.indexOf('('));
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double s = sine(q11, q22, q12);
    double theta = angle(s, q12);
    double d2 = (a - b) * (a - b);
    double dot = (a * a + b * b) / 2 - d2 * theta / (2 * Math.PI);
    out[0] = d2 * s / (2 * Math.PI) + dot * q12;
    out[1] = dot;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("abrelu", ExpectationFunction.real(a),
        ExpectationFunction.real(b));
  }

  @Override
  public double variance(double q) {
    return (a * a + b * b) * q / 2;
  }

  /**
   * The pair formula at q11 = q22 = q12 = q: θ = 0 gives (a²+b²)/2; a zero variance counts as
   * orthogonal to everything (θ = π/2, as in {@link #expectations}), giving (a+b)²/4, so the
   * diagonal always equals the matrix entry of the pair (x, x).
   */
  @Override
  public double derivativeVariance(double q) {
    return q == 0 ? (a + b) * (a + b) / 4 : (a * a + b * b) / 2;
  }

  @Override
  public double phi(double x) {
    return x < 0 ? a * x : b * x;
  }

  @Override
  public double derivative(double x) {
    return x < 0 ? a : b;
  }
}
