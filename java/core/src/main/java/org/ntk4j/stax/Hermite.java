package org.ntk4j.stax;

/**
 * φ(x) = Heₙ(x)/√(n!), neural-tangents' {@code Hermite}: the probabilists' Hermite polynomial,
 * normalized so that E[φ(z)²] = 1 for z ~ N(0, 1). neural-tangents' kernel q12ⁿ assumes unit
 * variances; this one is exact for any: expanding Heₙ(σz) = Σₖ n!/(k!(n−2k)!)·((σ²−1)/2)ᵏ·
 * σ^{n−2k}·He_{n−2k}(z) and using E[Heₘ(z₁)Heₗ(z₂)] = δₘₗ·m!·ρᵐ (Mehler) gives
 * Σ′ = Σₖ n!/(k!²(n−2k)!)·Aᵏ·q12^{n−2k} with A = (q11 − 1)(q22 − 1)/4, which is q12ⁿ when
 * q11 = q22 = 1. Since Heₙ′ = n·He_{n−1}, φ′ = √n·φₙ₋₁ and Σ̇ = n·Σ′ₙ₋₁.
 */
public final class Hermite extends Nonlinearity {
  /** A bound on the per-pair work (⌊n/2⌋ terms per expectation). */
  public static final int MAX_DEGREE = 64;
  private final int degree;

  public Hermite(int degree) {
    if (degree < 0 || degree > MAX_DEGREE) {
      throw new ArchitectureException(
          "hermite: degree must be 0.." + MAX_DEGREE + ", got " + degree);
    }
    this.degree = degree;
  }

  @Override
  protected String name() {
    return "hermite";
  }

  @Override
  public String spec() {
    return "hermite(" + degree + ")";
  }

  /**
   * Σₖ n!/(k!²(n−2k)!)·Aᵏ·q12^{n−2k}, summed as a homogeneous Horner scheme in (q12², A) with
   * the coefficient ratio (n−2k+2)(n−2k+1)/k².
   */
  static double kernel(int n, double q11, double q22, double q12) {
    double r2 = q12 * q12;
    double a = (q11 - 1) * (q22 - 1) / 4;
    double c = 1;
    double ak = 1;
    double h = 1;
    for (int k = 1; k <= n / 2; k++) {
      c = c * ((n - 2 * k + 2) * (n - 2 * k + 1)) / (k * k);
      ak = ak * a;
      h = h * r2 + c * ak;
    }
    return n % 2 == 1 ? q12 * h : h;
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    out[0] = kernel(degree, q11, q22, q12);
    out[1] = degree == 0 ? 0.0 : degree * kernel(degree - 1, q11, q22, q12);
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("hermite", ExpectationFunction.integer(degree));
  }

  @Override
  public double variance(double q) {
    return kernel(degree, q, q, q);
  }

  @Override
  public double phi(double x) {
    return normalized(degree, x);
  }

  @Override
  public double derivative(double x) {
    return degree == 0 ? 0.0 : Math.sqrt(degree) * normalized(degree - 1, x);
  }

  /** Heₙ(x)/√(n!) by hₖ₊₁ = (x·hₖ − √k·hₖ₋₁)/√(k+1), h₀ = 1, h₁ = x. */
  private static double normalized(int n, double x) {
    double previous = 0;
    double h = 1;
    for (int k = 0; k < n; k++) {
      double next = (x * h - Math.sqrt(k) * previous) / Math.sqrt(k + 1);
      previous = h;
      h = next;
    }
    return h;
  }
}
