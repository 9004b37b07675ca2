package org.ntk4j.stax;

/**
 * φ(x) = x·Φ(x). Kernel from Tsuchida et al. (arXiv 2002.08517), as neural-tangents writes it:
 * P = q11·q22, P₁ = (q11+1)(q22+1), Δ = √(P₁ − q12²) (≥ √(1 + q11 + q22), never 0),
 * θ = atan2(q12, Δ); Σ′ = q12/4 + [(q12² + PΔ²)/(P₁Δ) + q12θ]/(2π),
 * Σ̇ = 1/4 + θ/(2π) + q12/(2πΔ)·(1/Δ² + (1−P)/P₁ + 1), evaluated with bounded ratios only:
 * (q12² + PΔ²)/(P₁Δ) = (q12²/P₁)/Δ + (P/P₁)·Δ and (1−P)/P₁ = 1/P₁ − P/P₁.
 */
public final class Gelu extends Nonlinearity {

  @Override
  protected String name() {
    return "gelu";
  }

  @Override
  public String spec() {
    return "gelu()";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    // Δ = √(1 + q11 + q22 + (P − q12²)): no cancellation (P₁ − q12² loses digits for
    // large q), and only bounded ratios: P/P₁ = r11·r22, q12²/P₁ = c11·c22, 1/P₁ = g11·g22.
    double delta = rootPlusDeterminant(1 + (q11 + q22), q11, q22, q12);
    double theta = Angles.atan2(q12, delta);
    double g11 = 1 / (q11 + 1);
    double g22 = 1 / (q22 + 1);
    double ratio = (q11 * g11) * (q22 * g22);
    double cross = (q12 * g11) * (q12 * g22);
    out[0] = q12 / 4 + (cross / delta + ratio * delta + q12 * theta) / (2 * Math.PI);
    out[1] = 0.25 + theta / (2 * Math.PI)
        + q12 / (2 * Math.PI * delta) * (1 / (delta * delta) + (g11 * g22 - ratio) + 1);
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("gelu");
  }

  @Override
  public double variance(double q) {
    double root = Math.sqrt(1 + 2 * q);
    return q * (0.25 + (q / ((q + 1) * root) + Angles.atan2(q, root) / 2) / Math.PI);
  }

  @Override
  public double phi(double x) {
    return x * normalCdf(x);
  }

  @Override
  public double derivative(double x) {
    return normalCdf(x) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  }

  /** Φ(x), the standard normal distribution function. */
  static double normalCdf(double x) {
    return 0.5 * org.hipparchus.special.Erf.erfc(-x / Math.sqrt(2));
  }
}
