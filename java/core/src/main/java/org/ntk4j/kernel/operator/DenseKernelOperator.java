package org.ntk4j.kernel.operator;

import java.util.Optional;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NativeMemory;
import org.ntk4j.linalg.Placement;

/**
 * K held whole in a {@link Matrix}, whatever its storage: a float64 heap array (read in place),
 * float32 or float64 native memory, or a memory-mapped {@code .npy} file ({@code Npy.map}),
 * each panel of rows read four rows by a few thousand columns at a time into float64
 * ({@link Matrix#readRow}). Products accumulate in float64 whatever the storage. A mapped file is
 * never copied whole: a product reads it once, and the operating system keeps what it can of
 * it in memory (mapped pages a product touches count as the process's resident memory while the
 * system keeps them).
 */
public final class DenseKernelOperator extends RowPanelOperator {
  private final Matrix k;
  private final boolean owned;

  private DenseKernelOperator(Matrix k, boolean owned, int threads) {
    super(k.rows(), k.cols(), k.precision().bytes(), threads);
    this.k = k;
    this.owned = owned;
  }

  /** Over {@code k} itself (not copied, not closed): it must not change while in use. */
  public static DenseKernelOperator of(Matrix k, int threads) {
    return new DenseKernelOperator(k, false, threads);
  }

  /** Over {@code k}, which this operator closes (e.g. a mapping or a computed kernel). */
  public static DenseKernelOperator owning(Matrix k, int threads) {
    return new DenseKernelOperator(k, true, threads);
  }

  /**
   * Over {@code k} when it is stored in {@code storage} precision already, else over a copy
   * rounded to float32 (on the heap when it fits a Java array, else in native memory).
   */
  public static DenseKernelOperator of(Matrix k, Precision storage, int threads) {
    if (k.precision() == storage) {
      return of(k, threads);
    }
    Placement where = k.entries() <= Matrix.MAX_ARRAY || !NativeMemory.available()
        ? Placement.HEAP : Placement.NATIVE;
    return owning(k.to(storage, where), threads);
  }

  public Precision storage() {
    return k.precision();
  }

  @Override
  void addPanel(int r0, int r1, double[] vt, int kp, double[] out, PanelProduct product) {
    int n = cols();
    if (k.hasArray()) {
      product.multiplyAdd(k.data(), r0 * n, n, r1 - r0, n, vt, n, 0, kp, out, r0);
    } else {
      product.multiplyAdd((row, col, len, dst, at) -> k.readRow(r0 + row, col, len, dst, at),
          r1 - r0, n, vt, n, 0, kp, out, r0);
    }
  }

  @Override
  public Optional<Matrix> stored() {
    return Optional.of(k);
  }

  @Override
  double get(int i, int j) {
    return k.get(i, j);
  }

  @Override
  public String description() {
    return "stored " + k.describe();
  }

  @Override
  public void close() {
    super.close();
    if (owned) {
      k.close();
    }
  }
}
