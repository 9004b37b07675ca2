package org.ntk4j.stax;

/**
 * φ(x) = a·exp(b·x), neural-tangents' {@code Exp}. For Gaussian (u, v), u + v ~ N(0, q11 + 2q12
 * + q22), so the moment generating function gives Σ′ = E[φ(u)φ(v)] =
 * a²·exp(b²·((q11 + q22)/2 + q12)), and φ′ = b·φ gives Σ̇ = b²·Σ′; diagonal a²·exp(2b²q).
 */
public final class Exp extends Nonlinearity {
  private final double a;
  private final double b;

  public Exp(double a, double b) {
    this.a = a;
    this.b = b;
  }

  @Override
  protected String name() {
    return "exp";
  }

  @Override
  public String spec() {
    return "exp(" + SpecFormat.num(a) + ", " + SpecFormat.num(b) + ")";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double b2 = b * b;
    double k = a * a * Math.exp(b2 * ((q11 + q22) / 2 + q12));
    out[0] = k;
    out[1] = b2 * k;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("exp", ExpectationFunction.real(a),
        ExpectationFunction.real(b));
  }

  @Override
  public double variance(double q) {
    return a * a * Math.exp(2 * b * b * q);
  }

  @Override
  public double phi(double x) {
    return a * Math.exp(b * x);
  }

  @Override
  public double derivative(double x) {
    return a * b * Math.exp(b * x);
  }
}
