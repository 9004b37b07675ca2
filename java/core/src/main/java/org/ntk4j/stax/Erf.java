package org.ntk4j.stax;

/**
 * φ(x) = a·erf(b·x) + c (Williams 1997). With q scaled by b²:
 * Σ′ = (2/π)·asin(2q12/√((1+2q11)(1+2q22))), written as an atan2 so rounding never leaves asin's
 * domain; Σ̇ = b²·(4/π)/√((1+2q11)(1+2q22) − 4q12²), the root taken as
 * √(1 + 2q11 + 2q22 + 4(q11·q22 − q12²)); finally Σ → a²Σ + c², Σ̇ → a²Σ̇
 * (E[erf] = 0 by symmetry, so c adds only c²). {@code sigmoidlike} is erf(0.5, 1/2.4020563531719796, 0.5).
 */
public final class Erf extends Nonlinearity {
  /** neural-tangents' Sigmoid_like: .5·erf(x/2.4020563531719796) + .5. */
  static final double SIGMOID_LIKE_SCALE = 2.4020563531719796;

  private final double a;
  private final double b;
  private final double c;
  private final boolean sigmoidLike;

  private Erf(double a, double b, double c, boolean sigmoidLike) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.sigmoidLike = sigmoidLike;
  }

  public static Erf erf(double a, double b, double c) {
    return new Erf(a, b, c, false);
  }

  public static Erf sigmoidLike() {
    return new Erf(0.5, 1 / SIGMOID_LIKE_SCALE, 0.5, true);
  }

  @Override
  protected String name() {
    return sigmoidLike ? "sigmoidlike" : "erf";
  }

  @Override
  public String spec() {
    return sigmoidLike ? "sigmoidlike()"
        : "erf(" + SpecFormat.num(a) + ", " + SpecFormat.num(b) + ", " + SpecFormat.num(c) + ")";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double b2 = b * b;
    double u11 = 2 * b2 * q11;
    double u22 = 2 * b2 * q22;
    double u12 = 2 * b2 * q12;
    // √((1 + u11)(1 + u22) − u12²) as √(1 + u11 + u22 + (u11·u22 − u12²)): the product form
    // cancels (at u ≈ 4e12 it loses 4 digits), this sum of non-negative terms does not.
    double root = rootPlusDeterminant(1 + (u11 + u22), u11, u22, u12);
    out[0] = a * a * (2 / Math.PI) * Angles.atan2(u12, root) + c * c;
    out[1] = a * a * b2 * (4 / Math.PI) / root;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("erf", ExpectationFunction.real(a),
        ExpectationFunction.real(b), ExpectationFunction.real(c));
  }

  @Override
  public double variance(double q) {
    double x = 2 * b * b * q;
    return a * a * (2 / Math.PI) * Angles.atan2(x, Math.sqrt(1 + 2 * x)) + c * c;
  }

  @Override
  public double derivativeVariance(double q) {
    return a * a * b * b * (4 / Math.PI) / Math.sqrt(1 + 4 * b * b * q);
  }

  @Override
  public double phi(double x) {
    return a * org.hipparchus.special.Erf.erf(b * x) + c;
  }

  @Override
  public double derivative(double x) {
    return a * b * 2 / Math.sqrt(Math.PI) * Math.exp(-b * b * x * x);
  }
}
