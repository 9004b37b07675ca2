package org.ntk4j.kernel.operator;

import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;

/**
 * K held whole in memory, as float64 (the caller's matrix, not copied) or float32 (rounded
 * once, half the memory; products still accumulate in float64). The float32 values live in one
 * Java array, so K may have up to 2³¹ − 9 entries; a dense operator over larger, off-heap
 * storage is the same panel loop over that storage's rows.
 */
public final class DenseKernelOperator extends RowPanelOperator {
  private final double[] values64;
  private final float[] values32;

  private DenseKernelOperator(int rows, int cols, double[] values64, float[] values32,
      int threads) {
    super(rows, cols, values64 != null ? Double.BYTES : Float.BYTES, threads);
    this.values64 = values64;
    this.values32 = values32;
  }

  /** Over {@code k} itself (no copy): {@code k} must not change while this operator is used. */
  public static DenseKernelOperator float64(Matrix k, int threads) {
    return new DenseKernelOperator(k.rows(), k.cols(), k.data(), null, threads);
  }

  /** Over a float32 copy of {@code k}: every entry rounded to the nearest float. */
  public static DenseKernelOperator float32(Matrix k, int threads) {
    double[] d = k.data();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return new DenseKernelOperator(k.rows(), k.cols(), null, f, threads);
  }

  /** {@link #float64} or {@link #float32} as {@code storage} says. */
  public static DenseKernelOperator of(Matrix k, Precision storage, int threads) {
    return storage == Precision.FLOAT64 ? float64(k, threads) : float32(k, threads);
  }

  /** Bytes one stored kernel of this shape takes. */
  public static long bytes(long rows, long cols, Precision storage) {
    return rows * cols * storage.bytes();
  }

  public Precision storage() {
    return values64 != null ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  @Override
  void addPanel(int r0, int r1, double[] vt, int kp, double[] out, PanelProduct product) {
    int n = cols();
    if (values64 != null) {
      product.multiplyAdd(values64, r0 * n, n, r1 - r0, n, vt, n, 0, kp, out, r0);
    } else {
      product.multiplyAdd((row, col, len, dst, at) -> {
        int from = (r0 + row) * n + col;
        for (int j = 0; j < len; j++) {
          dst[at + j] = values32[from + j];
        }
      }, r1 - r0, n, vt, n, 0, kp, out, r0);
    }
  }

  @Override
  double get(int i, int j) {
    int index = i * cols() + j;
    return values64 != null ? values64[index] : values32[index];
  }

  @Override
  public String description() {
    return storage().cliName() + " in memory";
  }
}
