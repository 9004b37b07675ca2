package org.ntk4j.stax;

/**
 * φ(x) = c₀ + c₁x + … + cₙ₋₁xⁿ⁻¹, neural-tangents' {@code Polynomial} (coefficients in
 * increasing order, as numpy's Polynomial). Kernel by the Hermite expansion: with
 * xʲ = Σᵢ j!/(2ⁱi!(j−2i)!)·He_{j−2i}, φ(√q·z) = Σₗ q^{l/2}·tₗ(q)/l!·Heₗ(z) where
 * tₗ(q) = Σᵢ c_{l+2i}·(l+2i)!/(2ⁱi!)·qⁱ, and E[Heₗ(z₁)Heₘ(z₂)] = δₗₘ·l!·ρˡ (Mehler) gives
 * Σ′ = Σₗ q12ˡ·tₗ(q11)·tₗ(q22)/l! and Σ̇ = ∂Σ′/∂q12 = Σₗ₌₁ q12ˡ⁻¹·tₗ(q11)·tₗ(q22)/(l−1)!.
 * neural-tangents writes the same sum with ρ = q12/√(q11q22); in powers of q12 it needs no
 * division, so zero variances are finite.
 */
public final class Polynomial extends Nonlinearity {
  /** The most coefficients (degree 31): (l + 2i)! stays finite in float32. */
  public static final int MAX_COEFFICIENTS = 32;
  private final double[] coef;

  public Polynomial(double... coef) {
    if (coef.length < 1 || coef.length > MAX_COEFFICIENTS) {
      throw new ArchitectureException("polynomial: coef needs 1 to " + MAX_COEFFICIENTS
          + " coefficients, got " + coef.length);
    }
    this.coef = coef.clone();
  }

  @Override
  protected String name() {
    return "polynomial";
  }

  @Override
  public String spec() {
    return "polynomial(" + SpecFormat.list(coef) + ")";
  }

  /** tₗ(q) = Σᵢ c_{l+2i}·(l+2i)!/(2ⁱi!)·qⁱ over l + 2i &lt; n. */
  private double hermiteCoefficient(int l, double q) {
    double w = 1;
    for (int j = 2; j <= l; j++) {
      w = w * j;
    }
    double t = 0;
    double power = 1;
    for (int i = 0; l + 2 * i < coef.length; i++) {
      if (i > 0) {
        w = w * ((l + 2 * i) * (l + 2 * i - 1)) / (2 * i);
        power = power * q;
      }
      t = t + coef[l + 2 * i] * w * power;
    }
    return t;
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double s = 0;
    double d = 0;
    double power = 1;
    double previous = 0;
    double factorial = 1;
    for (int l = 0; l < coef.length; l++) {
      if (l > 0) {
        factorial = factorial * l;
        previous = power;
        power = power * q12;
      }
      double u = hermiteCoefficient(l, q11) * hermiteCoefficient(l, q22) / factorial;
      s = s + power * u;
      d = d + l * previous * u;
    }
    out[0] = s;
    out[1] = d;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("polynomial", ExpectationFunction.integer(coef.length),
        ExpectationFunction.reals(coef));
  }

  @Override
  public double phi(double x) {
    double p = 0;
    for (int j = coef.length - 1; j >= 0; j--) {
      p = p * x + coef[j];
    }
    return p;
  }

  @Override
  public double derivative(double x) {
    double p = 0;
    for (int j = coef.length - 1; j >= 1; j--) {
      p = p * x + j * coef[j];
    }
    return p;
  }
}
