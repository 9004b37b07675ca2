package org.ntk4j.backend.java;

/**
 * The Gram block X1[r0, r1) · X2[c0, n2)ᵀ / d as a cache-blocked product. X2 is given
 * transposed (d × n2) so the inner loop is an AXPY over contiguous columns, which the JIT
 * vectorizes; column panels keep the X2ᵀ slice in cache while every row of the block uses it.
 */
final class GramBlock {
  /** Columns per panel: d × 256 doubles of X2ᵀ (1.6 MB at d = 784) stay in L2/L3. */
  private static final int PANEL = 256;

  private GramBlock() {}

  /**
   * @param x1 row-major n1 × d
   * @param x2t row-major d × n2 (X2 transposed)
   * @param out rows × (n2 − c0), overwritten
   */
  static void compute(double[] x1, double[] x2t, int d, int n2, int r0, int r1, int c0,
      double[] out) {
    int rows = r1 - r0;
    int cols = n2 - c0;
    java.util.Arrays.fill(out, 0, rows * cols, 0.0);
    for (int p0 = 0; p0 < cols; p0 += PANEL) {
      int p1 = Math.min(cols, p0 + PANEL);
      for (int i = 0; i < rows; i++) {
        int a = (r0 + i) * d;
        int o = i * cols;
        for (int k = 0; k < d; k++) {
          double xik = x1[a + k];
          if (xik == 0.0) {
            continue;
          }
          int b = k * n2 + c0;
          for (int j = p0; j < p1; j++) {
            out[o + j] += xik * x2t[b + j];
          }
        }
      }
    }
    double inv = 1.0 / d;
    for (int e = 0; e < rows * cols; e++) {
      out[e] *= inv;
    }
  }
}
