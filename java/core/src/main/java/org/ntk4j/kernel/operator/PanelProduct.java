package org.ntk4j.kernel.operator;

import org.ntk4j.linalg.Matrix;

/**
 * The one product kernel of every operator: OUT[i, :] += Σ_j A[i, j]·V[j, :] for a panel of
 * rows of A (a float64 array read in place, or any other storage copied to float64 four rows
 * by {@value #COLUMN_BLOCK} columns at a time), with V
 * given transposed (Vᵀ, k × n, so each output is a dot product over contiguous memory).
 *
 * <p>Blocking: four rows of A times two columns of V per pass keep eight independent fma
 * chains (the JIT does not vectorize floating-point reductions, so independent chains are what
 * keeps the FPU busy: ~4-5 G fma/s per core measured here against ~2 for one row at a time);
 * columns of A go in blocks of {@value #COLUMN_BLOCK} so the four rows stay in cache while
 * every column of V passes over them. An odd k is handled by the caller padding Vᵀ with a zero
 * row ({@link #paddedWidth}).
 */
final class PanelProduct {
  static final int COLUMN_BLOCK = 2048;
  private static final int ROWS = 4;
  /** Columns of V per pass over a panel's column block (even; 64 × 2048 doubles = 1 MiB). */
  private static final int V_BLOCK = 64;

  private final double[] scratch = new double[ROWS * COLUMN_BLOCK];
  private final double[] sums = new double[2 * ROWS];
  private final int[] offsets = new int[ROWS];

  /** k rounded up to even: the width of the padded Vᵀ and of the accumulated output. */
  static int paddedWidth(int k) {
    return (k + 1) & ~1;
  }

  /** Vᵀ (n × k → kp × n, row-major), padded with a zero row when k is odd. */
  static double[] transposed(Matrix v, int kp) {
    int n = v.rows();
    int k = v.cols();
    double[] d = v.data();
    double[] t = new double[kp * n];
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < k; c++) {
        t[c * n + j] = d[j * k + c];
      }
    }
    return t;
  }

  /** The first k of kp columns of a rows × kp accumulator, as a matrix. */
  static Matrix trimmed(double[] out, int rows, int k, int kp) {
    if (k == kp) {
      return new Matrix(rows, k, out);
    }
    double[] d = new double[rows * k];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(out, i * kp, d, i * k, k);
    }
    return new Matrix(rows, k, d);
  }

  /**
   * Adds A·V into {@code out} for a float64 panel.
   *
   * @param a row i of the panel, column j at {@code a[aOffset + i·aStride + j]}
   * @param rows panel rows; {@code cols} panel columns
   * @param vt Vᵀ as {@code kp} rows of length {@code n}; panel column j multiplies
   *     {@code vt[c·n + vtOffset + j]}
   * @param out row-major with {@code kp} columns; panel row i adds into row {@code outRow + i}
   */
  void multiplyAdd(double[] a, int aOffset, int aStride, int rows, int cols, double[] vt, int n,
      int vtOffset, int kp, double[] out, int outRow) {
    // Many columns of V (a Gram matrix A·Aᵀ): V's rows go in blocks that stay in cache while
    // every row group of the panel passes over them.
    for (int j0 = 0; j0 < cols; j0 += COLUMN_BLOCK) {
      int len = Math.min(COLUMN_BLOCK, cols - j0);
      for (int c0 = 0; c0 < kp; c0 += V_BLOCK) {
        int c1 = Math.min(kp, c0 + V_BLOCK);
        for (int i = 0; i < rows; i += ROWS) {
          int group = Math.min(ROWS, rows - i);
          for (int r = 0; r < ROWS; r++) {
            offsets[r] = aOffset + (i + Math.min(r, group - 1)) * aStride + j0;
          }
          addGroup(a, len, vt, n, vtOffset + j0, c0, c1, kp, out, outRow + i, group);
        }
      }
    }
  }

  /** Rows of A stored in some other form than a float64 array, read into float64. */
  @FunctionalInterface
  interface Rows {
    /** Writes A[row, col .. col + len) as doubles into {@code dst[at ..]}. */
    void copy(int row, int col, int len, double[] dst, int at);
  }

  /**
   * {@link #multiplyAdd(double[], int, int, int, int, double[], int, int, int, double[], int)}
   * for rows read through {@code a} (float32 arrays, mapped files): each block of four rows is
   * copied to float64 first, so the copy stays in cache.
   */
  void multiplyAdd(Rows a, int rows, int cols, double[] vt, int n, int vtOffset, int kp,
      double[] out, int outRow) {
    for (int i = 0; i < rows; i += ROWS) {
      int group = Math.min(ROWS, rows - i);
      for (int j0 = 0; j0 < cols; j0 += COLUMN_BLOCK) {
        int len = Math.min(COLUMN_BLOCK, cols - j0);
        for (int r = 0; r < ROWS; r++) {
          offsets[r] = Math.min(r, group - 1) * COLUMN_BLOCK;
          if (r < group) {
            a.copy(i + r, j0, len, scratch, offsets[r]);
          }
        }
        addGroup(scratch, len, vt, n, vtOffset + j0, 0, kp, kp, out, outRow + i, group);
      }
    }
  }

  /** Four rows (offsets; a short group repeats its last row) against V's columns [c0, c1). */
  private void addGroup(double[] a, int len, double[] vt, int n, int vtOffset, int c0, int c1,
      int kp, double[] out, int outRow, int group) {
    for (int c = c0; c < c1; c += 2) {
      fourRowsTwoColumns(a, len, vt, c * n + vtOffset, (c + 1) * n + vtOffset);
      for (int r = 0; r < group; r++) {
        int o = (outRow + r) * kp + c;
        out[o] += sums[r];
        out[o + 1] += sums[ROWS + r];
      }
    }
  }

  private void fourRowsTwoColumns(double[] a, int len, double[] vt, int w0, int w1) {
    int o0 = offsets[0];
    int o1 = offsets[1];
    int o2 = offsets[2];
    int o3 = offsets[3];
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double t0 = 0;
    double t1 = 0;
    double t2 = 0;
    double t3 = 0;
    for (int j = 0; j < len; j++) {
      double u = vt[w0 + j];
      double w = vt[w1 + j];
      double a0 = a[o0 + j];
      double a1 = a[o1 + j];
      double a2 = a[o2 + j];
      double a3 = a[o3 + j];
      s0 = Math.fma(a0, u, s0);
      s1 = Math.fma(a1, u, s1);
      s2 = Math.fma(a2, u, s2);
      s3 = Math.fma(a3, u, s3);
      t0 = Math.fma(a0, w, t0);
      t1 = Math.fma(a1, w, t1);
      t2 = Math.fma(a2, w, t2);
      t3 = Math.fma(a3, w, t3);
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
    sums[4] = t0;
    sums[5] = t1;
    sums[6] = t2;
    sums[7] = t3;
  }
}
