package org.ntk4j.stax;

/**
 * A user's φ, given as an expression in x ({@code elementwise("tanh(x)")}): neural-tangents'
 * {@code ElementwiseNumerical}, whose kernels are 2-D Gauss–Hermite quadratures of degree m
 * (Han et al. 2022, arXiv:2209.04121). With nodes xᵢ and weights wᵢ of ∫f(x)e^{−x²}dx,
 * E[f(u)g(v)] ≈ (1/π)·Σᵢⱼ wᵢwⱼ·f(√(2q₁)·xᵢ)·g(√2·(a·xᵢ + b·xⱼ)) for u ~ N(0, q₁) and
 * v = a·z₁ + b·z₂ (a = q12/√q₁, b = √(q₂ − a²)); here the nodes are scaled by √2 and the
 * weights by 1/√π once, when the layer is built. Σ′ takes f = g = φ, Σ̇ takes φ′, which
 * is derived symbolically from the expression ({@link Expression#derivative}) rather than asked
 * for. The first variable is the larger variance, so the rule is exactly symmetric in the two
 * inputs and a zero variance needs no division. The rule is exact for polynomial φ of degree
 * below m; for others its error depends on φ and the variances: it falls quickly for smooth φ
 * at variances of order 1 and slowly where φ or φ′ changes on a scale much smaller than the
 * standard deviation (tanh′ at variance 20 needs far more than 25 points). A φ with a jump or
 * kink at 0, where a node sits for odd m, makes the kernel of an input with itself depend on
 * rounding (v = b·xⱼ with b ≈ √ε there), as neural-tangents warns for non-smooth φ.
 *
 * <p>φ and φ′ must be finite on the real line: checked on [−8, 8] when the layer is built.
 */
public final class ElementwiseNumerical extends Nonlinearity {
  public static final int DEFAULT_DEGREE = 25;
  public static final int MAX_DEGREE = GaussHermite.MAX_POINTS;
  private static final double CHECK_RANGE = 8;
  private static final double CHECK_STEP = 1.0 / 16;

  private final Expression phi;
  private final Expression derivative;
  private final int degree;
  /** √2 times the Gauss–Hermite nodes, and the weights over √π. */
  private final double[] node;
  private final double[] weight;

  public ElementwiseNumerical(String fn, int degree) {
    if (degree < 1 || degree > MAX_DEGREE) {
      throw new ArchitectureException("elementwise: deg must be 1.." + MAX_DEGREE + ", got "
          + degree);
    }
    this.phi = Expression.parse(fn);
    this.derivative = phi.derivative();
    this.degree = degree;
    requireFinite(phi, "φ = " + phi.text());
    requireFinite(derivative, "its derivative " + derivative.text());
    GaussHermite rule = GaussHermite.of(degree);
    node = new double[degree];
    weight = new double[degree];
    for (int i = 0; i < degree; i++) {
      node[i] = Math.sqrt(2) * rule.nodes[i];
      weight[i] = rule.weights[i] / Math.sqrt(Math.PI);
    }
  }

  private static void requireFinite(Expression e, String what) {
    for (double x = -CHECK_RANGE; x <= CHECK_RANGE; x += CHECK_STEP) {
      if (!Double.isFinite(e.eval(x))) {
        throw new ArchitectureException("elementwise: " + what + " is not finite at x = "
            + SpecFormat.num(x) + "; its Gaussian expectations need it on the whole real line"
            + " (write e.g. abs(x) rather than sqrt(x^2))");
      }
    }
  }

  @Override
  protected String name() {
    return "elementwise";
  }

  @Override
  public String spec() {
    return "elementwise(\"" + phi.text() + "\", " + degree + ")";
  }

  @Override
  public void expectations(double q11, double q22, double q12, double[] out) {
    double root = Math.sqrt(Math.max(q11, q22));
    double a = root > 0 ? q12 / root : 0.0;
    double b = Math.sqrt(Math.max(Math.min(q11, q22) - a * a, 0.0));
    double s = 0;
    double t = 0;
    for (int i = 0; i < degree; i++) {
      double u = root * node[i];
      double si = 0;
      double ti = 0;
      for (int j = 0; j < degree; j++) {
        double v = a * node[i] + b * node[j];
        si = si + weight[j] * phi.eval(v);
        ti = ti + weight[j] * derivative.eval(v);
      }
      s = s + weight[i] * phi.eval(u) * si;
      t = t + weight[i] * derivative.eval(u) * ti;
    }
    out[0] = s;
    out[1] = t;
  }

  @Override
  public ExpectationFunction expectationFunction() {
    return ExpectationFunction.of("quadrature", ExpectationFunction.integer(degree),
        ExpectationFunction.reals(node), ExpectationFunction.reals(weight),
        ExpectationFunction.function(phi, derivative));
  }

  @Override
  public double phi(double x) {
    return phi.eval(x);
  }

  @Override
  public double derivative(double x) {
    return derivative.eval(x);
  }
}
