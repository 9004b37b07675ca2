package org.ntk4j.stax;

/**
 * φ(x) = sign(x): Σ′ = 1 − 2θ/π with θ the angle between the inputs; its derivative is zero
 * almost everywhere, so Θ′ = 0.
 */
public final class Sign extends Nonlinearity {

  @Override
  protected String name() {
    return "sign";
  }

  @Override
  public String spec() {
    return "sign()";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    out[0] = 1 - 2 * angle(q11, q22, q12) / Math.PI;
    out[1] = 0.0;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("sign");
  }

  @Override
  public double variance(double q) {
    return q > 0 ? 1.0 : 0.0;
  }

  @Override
  public double derivativeVariance(double q) {
    return 0.0;
  }

  @Override
  public double phi(double x) {
    return Math.signum(x);
  }

  @Override
  public double derivative(double x) {
    return 0.0;
  }
}
