package org.ntk4j.stax;

/**
 * φ(x) = max(x, 0)^d, the Cho–Saul arc-cosine kernel of order d ≤ 2:
 * Σ′ = P^{d/2}·J_d(θ)/(2π) with P = q11·q22, θ the angle between the inputs,
 * J₀ = π − θ, J₁ = sin θ + (π − θ) cos θ, J₂ = 3 sin θ cos θ + (π − θ)(1 + 2cos²θ);
 * Σ̇ = d²·P^{(d−1)/2}·J_{d−1}(θ)/(2π) (zero for d = 0, whose φ′ vanishes almost everywhere).
 */
public final class RectifiedMonomial extends Nonlinearity {
  public static final int MAX_DEGREE = 2;
  private final int degree;

  public RectifiedMonomial(int degree) {
    if (degree < 0 || degree > MAX_DEGREE) {
      throw new ArchitectureException(
          "rectifiedmonomial: degree must be 0.." + MAX_DEGREE + ", got " + degree);
    }
    this.degree = degree;
  }

  @Override
  protected String name() {
    return "rectifiedmonomial";
  }

  @Override
  public String spec() {
    return "rectifiedmonomial(" + degree + ")";
  }

  /**
   * P^{d/2}·J_d(θ)/(2π), written with s = √P·sin θ and q12 = √P·cos θ so that zero variances
   * need no division.
   */
  static double arcCosine(int d, double s, double q12, double p, double theta) {
    double rest = Math.PI - theta;
    switch (d) {
      case 0: return rest / (2 * Math.PI);
      case 1: return (s + rest * q12) / (2 * Math.PI);
      case 2: return (3 * s * q12 + rest * (p + 2 * q12 * q12)) / (2 * Math.PI);
      default: throw new IllegalArgumentException("degree " + d);
    }
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double p = q11 * q22;
    double s = sine(q11, q22, q12);
    double theta = angle(s, q12);
    out[0] = arcCosine(degree, s, q12, p, theta);
    out[1] = degree == 0 ? 0.0 : degree * degree * arcCosine(degree - 1, s, q12, p, theta);
  }

  /**
   * The pair formula at q11 = q22 = q12 = q, whose angle is 0, or π/2 when q = 0 (a zero
   * variance counts as orthogonal to everything), so the diagonal equals the pair (x, x).
   */
  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("rectmonomial", ExpectationFunction.integer(degree));
  }

  @Override
  public double variance(double q) {
    return arcCosine(degree, 0, q, q * q, angle(q, q, q));
  }

  @Override
  public double derivativeVariance(double q) {
    return degree == 0 ? 0.0
        : degree * degree * arcCosine(degree - 1, 0, q, q * q, angle(q, q, q));
  }

  @Override
  public double phi(double x) {
    if (x <= 0) {
      return 0.0;
    }
    return degree == 0 ? 1.0 : degree == 1 ? x : x * x;
  }

  @Override
  public double derivative(double x) {
    if (x <= 0 || degree == 0) {
      return 0.0;
    }
    return degree == 1 ? 1.0 : 2 * x;
  }
}
