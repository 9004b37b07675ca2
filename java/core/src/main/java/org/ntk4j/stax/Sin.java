package org.ntk4j.stax;

/**
 * φ(x) = a·sin(b·x + c); {@code cos(a, b, c)} is sin with c + π/2. With S = q11 + q22,
 * s₁ = exp(b²(q12 − S/2)), s₂ = exp(−b²(q12 + S/2))·cos 2c: Σ′ = a²(s₁ − s₂)/2,
 * Σ̇ = a²b²(s₁ + s₂)/2, diagonal a²(1 − e^{−2b²q}·cos 2c)/2.
 */
public final class Sin extends Nonlinearity {
  private final double a;
  private final double b;
  private final double c;
  private final boolean cosine;

  private Sin(double a, double b, double c, boolean cosine) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.cosine = cosine;
  }

  public static Sin sin(double a, double b, double c) {
    return new Sin(a, b, c, false);
  }

  public static Sin cos(double a, double b, double c) {
    return new Sin(a, b, c, true);
  }

  /** The phase of the sine: c, or c + π/2 for cos. */
  private double phase() {
    return cosine ? c + Math.PI / 2 : c;
  }

  @Override
  protected String name() {
    return cosine ? "cos" : "sin";
  }

  @Override
  public String spec() {
    return name() + "(" + SpecFormat.num(a) + ", " + SpecFormat.num(b) + ", "
        + SpecFormat.num(c) + ")";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double b2 = b * b;
    double half = (q11 + q22) / 2;
    double s1 = Math.exp(b2 * (q12 - half));
    double s2 = Math.exp(-b2 * (q12 + half)) * Math.cos(2 * phase());
    out[0] = a * a * (s1 - s2) / 2;
    out[1] = a * a * b2 * (s1 + s2) / 2;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("sin", ExpectationFunction.real(a),
        ExpectationFunction.real(b), ExpectationFunction.real(phase()));
  }

  @Override
  public double variance(double q) {
    return a * a * (1 - Math.exp(-2 * b * b * q) * Math.cos(2 * phase())) / 2;
  }

  @Override
  public double phi(double x) {
    return a * Math.sin(b * x + phase());
  }

  @Override
  public double derivative(double x) {
    return a * b * Math.cos(b * x + phase());
  }
}
