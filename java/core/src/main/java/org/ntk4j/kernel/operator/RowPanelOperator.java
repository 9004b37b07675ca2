package org.ntk4j.kernel.operator;

import java.util.Arrays;
import org.ntk4j.linalg.Matrix;

/**
 * An operator whose K can be read a panel of rows at a time (memory, a file): a product runs the
 * panels in parallel, each thread multiplying its own panel into its own rows of the result, so
 * no panel is needed twice and no more than one panel per thread is held at once.
 */
abstract class RowPanelOperator implements KernelOperator {
  /** Bytes of K per panel: large enough for long sequential reads, small enough for cache. */
  static final long PANEL_BYTES = 4L << 20;

  private final int rows;
  private final int cols;
  private final int panelRows;
  private final PanelWorkers workers;
  private final ThreadLocal<PanelProduct> products = ThreadLocal.withInitial(PanelProduct::new);

  RowPanelOperator(int rows, int cols, int bytesPerValue, int threads) {
    this.rows = rows;
    this.cols = cols;
    long perRow = Math.max(1L, (long) cols * bytesPerValue);
    this.panelRows = (int) Math.max(4, Math.min(rows, PANEL_BYTES / perRow / 4 * 4));
    this.workers = new PanelWorkers(threads);
  }

  @Override
  public final int rows() {
    return rows;
  }

  @Override
  public final int cols() {
    return cols;
  }

  /**
   * Adds rows [r0, r1) of K·V into {@code out} (row-major, kp columns) with this thread's
   * {@code product}.
   */
  abstract void addPanel(int r0, int r1, double[] vt, int kp, double[] out,
      PanelProduct product);

  @Override
  public final Matrix multiply(Matrix v) {
    if (v.rows() != cols) {
      throw new IllegalArgumentException("K is " + rows + "x" + cols + " but V has shape "
          + v.shape());
    }
    int kp = PanelProduct.paddedWidth(v.cols());
    return product(PanelProduct.transposed(v, kp), v.cols(), kp);
  }

  /**
   * K·Bᵀ for B with K's column count, without forming Bᵀ (e.g. the Gram matrix L·Lᵀ of a
   * row-major L).
   *
   * @param b k × cols
   * @return rows × k
   */
  public final Matrix multiplyTransposeB(Matrix b) {
    if (b.cols() != cols) {
      throw new IllegalArgumentException("K is " + rows + "x" + cols + " but B has shape "
          + b.shape());
    }
    int k = b.rows();
    int kp = PanelProduct.paddedWidth(k);
    double[] vt = kp == k ? b.data() : Arrays.copyOf(b.data(), kp * cols);
    return product(vt, k, kp);
  }

  private Matrix product(double[] vt, int k, int kp) {
    double[] out = new double[Math.multiplyExact(rows, kp)];
    int panels = (rows + panelRows - 1) / panelRows;
    workers.forEach(panels, p -> {
      int r0 = p * panelRows;
      addPanel(r0, Math.min(rows, r0 + panelRows), vt, kp, out, products.get());
    });
    return PanelProduct.trimmed(out, rows, k, kp);
  }

  /** One entry K[i, j]. */
  abstract double get(int i, int j);

  @Override
  public final Matrix rows(int[] indices) {
    Operators.requireIndices(indices, rows);
    Matrix out = Matrix.zeros(indices.length, cols);
    for (int r = 0; r < indices.length; r++) {
      for (int j = 0; j < cols; j++) {
        out.set(r, j, get(indices[r], j));
      }
    }
    return out;
  }

  @Override
  public final double[] diagonal() {
    Operators.requireSquare(this);
    double[] d = new double[rows];
    for (int i = 0; i < rows; i++) {
      d[i] = get(i, i);
    }
    return d;
  }

  @Override
  public void close() {
    workers.close();
  }
}
