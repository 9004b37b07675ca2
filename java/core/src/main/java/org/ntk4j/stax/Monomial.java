package org.ntk4j.stax;

/**
 * φ(x) = x^d for d ≤ 5. With P = q11·q22, E_d = E[u^d v^d] (Isserlis' theorem):
 * E₀ = 1, E₁ = q12, E₂ = 2q12² + P, E₃ = 6q12³ + 9q12P, E₄ = 3(8q12⁴ + 3P(8q12² + P)),
 * E₅ = 15q12(8q12⁴ + 5P(8q12² + 3P)); Σ̇ = d²·E_{d−1}; diagonal (2d−1)!!·q^d.
 */
public final class Monomial extends Nonlinearity {
  public static final int MAX_DEGREE = 5;
  private final int degree;

  public Monomial(int degree) {
    if (degree < 0 || degree > MAX_DEGREE) {
      throw new ArchitectureException(
          "monomial: degree must be 0.." + MAX_DEGREE + ", got " + degree);
    }
    this.degree = degree;
  }

  @Override
  protected String name() {
    return "monomial";
  }

  @Override
  public String spec() {
    return "monomial(" + degree + ")";
  }

  /** E[u^d v^d] for the covariance (q11, q22, q12). */
  static double moment(int d, double q11, double q22, double q12) {
    double p = q11 * q22;
    double r = q12;
    double r2 = r * r;
    switch (d) {
      case 0: return 1;
      case 1: return r;
      case 2: return 2 * r2 + p;
      case 3: return 6 * r2 * r + 9 * r * p;
      case 4: return 3 * (8 * r2 * r2 + 3 * p * (8 * r2 + p));
      case 5: return 15 * r * (8 * r2 * r2 + 5 * p * (8 * r2 + 3 * p));
      default: throw new IllegalArgumentException("degree " + d);
    }
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    out[0] = moment(degree, q11, q22, q12);
    out[1] = degree == 0 ? 0.0 : degree * degree * moment(degree - 1, q11, q22, q12);
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("monomial", ExpectationFunction.integer(degree));
  }

  @Override
  public double variance(double q) {
    return moment(degree, q, q, q);
  }

  @Override
  public double derivativeVariance(double q) {
    return degree == 0 ? 0.0 : degree * degree * moment(degree - 1, q, q, q);
  }

  @Override
  public double phi(double x) {
    return power(x, degree);
  }

  @Override
  public double derivative(double x) {
    return degree == 0 ? 0.0 : degree * power(x, degree - 1);
  }

  private static double power(double x, int d) {
    double r = 1;
    for (int i = 0; i < d; i++) {
      r *= x;
    }
    return r;
  }
}
