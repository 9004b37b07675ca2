package org.ntk4j.stax;

/**
 * φ(x) = a·exp(b·x²), neural-tangents' {@code Gaussian}. The Gaussian integral of
 * exp(b(u² + v²)) against N(0, Σ) is 1/√det(I − 2bΣ): with dᵢ = 1 − 2b·qᵢᵢ,
 * Σ′ = a²/√(d11·d22 − 4b²q12²), and Σ̇ = ∂Σ′/∂q12 = a²·4b²q12/(d11·d22 − 4b²q12²)^{3/2}
 * (Price's theorem); diagonal a²/√(1 − 4bq). For b &gt; 0 the integral diverges unless
 * I − 2bΣ is positive definite (both dᵢ &gt; 0 and the determinant &gt; 0); the kernel is
 * then +∞ rather than the formula's value.
 */
public final class Gaussian extends Nonlinearity {
  private final double a;
  private final double b;

  public Gaussian(double a, double b) {
    this.a = a;
    this.b = b;
  }

  @Override
  protected String name() {
    return "gaussian";
  }

  @Override
  public String spec() {
    return "gaussian(" + SpecFormat.num(a) + ", " + SpecFormat.num(b) + ")";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double d11 = 1 - 2 * b * q11;
    double d22 = 1 - 2 * b * q22;
    double f = 4 * b * b;
    double det = d11 > 0 && d22 > 0 ? Math.sqrt(Math.max(d11 * d22 - f * q12 * q12, 0.0))
        : 0.0;
    out[0] = a * a / det;
    out[1] = a * a * f * q12 / (det * det * det);
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("gaussian", ExpectationFunction.real(a),
        ExpectationFunction.real(b));
  }

  @Override
  public double variance(double q) {
    return a * a / Math.sqrt(Math.max(1 - 4 * b * q, 0.0));
  }

  @Override
  public double phi(double x) {
    return a * Math.exp(b * x * x);
  }

  @Override
  public double derivative(double x) {
    return 2 * a * b * x * Math.exp(b * x * x);
  }
}
