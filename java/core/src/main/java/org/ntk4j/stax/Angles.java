package org.ntk4j.stax;

/**
 * A fast atan2 for the kernel recursions, accurate to a few ulp: Java 17's {@link Math#atan2}
 * costs about 30 ns here and the arc-cosine kernels need one per entry per layer.
 *
 * <p>Method: with t = min(|y|,|x|)/max(|y|,|x|) in [0, 1], pick the nearest node
 * cᵢ = tan(iπ/16), i = 0..4, and use atan t = atan cᵢ + atan u with u = (t − cᵢ)/(1 + t·cᵢ),
 * |u| ≤ tan(π/32) ≈ 0.0985; atan u by its Taylor series to u¹⁵ (next term below 1e-17·|u|).
 * The table holds atan cᵢ of the stored doubles cᵢ, so the identity is exact in real numbers.
 */
public final class Angles {
  private static final int NODES = 5;
  private static final double[] NODE = new double[NODES];
  private static final double[] NODE_ATAN = new double[NODES];
  /** Midpoints tan((2i+1)π/32) between nodes. */
  private static final double[] SPLIT = new double[NODES - 1];

  static {
    for (int i = 0; i < NODES; i++) {
      NODE[i] = Math.tan(i * Math.PI / 16);
      NODE_ATAN[i] = Math.atan(NODE[i]);
    }
    NODE[0] = 0.0;
    NODE_ATAN[0] = 0.0;
    for (int i = 0; i < NODES - 1; i++) {
      SPLIT[i] = Math.tan((2 * i + 1) * Math.PI / 32);
    }
  }

  private Angles() {}

  /** atan2(y, x) with the same quadrant conventions as {@link Math#atan2}. */
  public static double atan2(double y, double x) {
    double ay = Math.abs(y);
    double ax = Math.abs(x);
    double lo = Math.min(ax, ay);
    double hi = Math.max(ax, ay);
    if (!(hi >= 0x1p-1000 && hi < Double.POSITIVE_INFINITY)) {
      // zeros, subnormals (the node tests would underflow), infinities and NaN
      return Math.atan2(y, x);
    }
    double a = atanOfRatio(lo, hi);
    a = ay > ax ? Math.PI / 2 - a : a;
    a = x < 0 || (x == 0.0 && 1 / x < 0) ? Math.PI - a : a;
    return y < 0 || (y == 0.0 && 1 / y < 0) ? -a : a;
  }

  /**
   * atan(lo/hi) for 0 ≤ lo ≤ hi, hi &gt; 0, with one division: u = (lo − c·hi)/(hi + c·lo).
   * The node is chosen by comparisons (branch-free selects), not by dividing first.
   */
  static double atanOfRatio(double lo, double hi) {
    int i = (lo >= SPLIT[0] * hi ? 1 : 0) + (lo >= SPLIT[1] * hi ? 1 : 0)
        + (lo >= SPLIT[2] * hi ? 1 : 0) + (lo >= SPLIT[3] * hi ? 1 : 0);
    double c = NODE[i];
    double u = (lo - c * hi) / (hi + c * lo);
    double u2 = u * u;
    double series = 1.0 / 15;
    series = 1.0 / 13 - u2 * series;
    series = 1.0 / 11 - u2 * series;
    series = 1.0 / 9 - u2 * series;
    series = 1.0 / 7 - u2 * series;
    series = 1.0 / 5 - u2 * series;
    series = 1.0 / 3 - u2 * series;
    return NODE_ATAN[i] + (u - u * u2 * series);
  }
}
