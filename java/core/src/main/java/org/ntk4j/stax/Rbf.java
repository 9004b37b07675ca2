package org.ntk4j.stax;

/**
 * φ(x) = √2·sin(√(2γ)·x + π/4), whose NNGP is the RBF kernel (neural-tangents' Rbf):
 * Σ′ = exp(−γ(q11 + q22 − 2q12)), Σ̇ = 2γΣ′, diagonal 1.
 */
public final class Rbf extends Nonlinearity {
  private final double gamma;

  public Rbf(double gamma) {
    if (!(gamma > 0) || Double.isInfinite(gamma)) {
      throw new ArchitectureException("rbf: gamma must be a finite number > 0, got "
          + SpecFormat.num(gamma));
    }
    this.gamma = gamma;
  }

  @Override
  protected String name() {
    return "rbf";
  }

  @Override
  public String spec() {
    return "rbf(" + SpecFormat.num(gamma) + ")";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double sigma = Math.exp(-gamma * (q11 + q22 - 2 * q12));
    out[0] = sigma;
    out[1] = 2 * gamma * sigma;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("rbf", ExpectationFunction.real(gamma));
  }

  @Override
  public double variance(double q) {
    return 1.0;
  }

  @Override
  public double phi(double x) {
    return Math.sqrt(2) * Math.sin(Math.sqrt(2 * gamma) * x + Math.PI / 4);
  }

  @Override
  public double derivative(double x) {
    return 2 * Math.sqrt(gamma) * Math.cos(Math.sqrt(2 * gamma) * x + Math.PI / 4);
  }
}
