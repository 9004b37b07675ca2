package org.ntk4j.stax;

/**
 * The infinite-width kernels of one branch over a block of input pairs: rows of X1 against
 * columns of X2, in float64, row-major. The oracle evaluates the layer tree on these in place.
 *
 * <p>Registers per pair (docs/ARCHITECTURE.md): {@code nngp} = q12, {@code ntk} = Θ12; per row and per
 * column: the variances q11, q22 and the NTK diagonals Θ11, Θ22.
 */
public final class KernelBlock {
  public final int rows;
  public final int cols;
  /** q12 per pair, rows × cols. */
  public final double[] nngp;
  /** Θ12 per pair, rows × cols; null when only the NNGP is asked for. */
  public final double[] ntk;
  /** q11 per row and Θ11 per row. */
  public final double[] var1;
  public final double[] ntkDiag1;
  /** q22 per column and Θ22 per column. */
  public final double[] var2;
  public final double[] ntkDiag2;
  /** Channels of this branch (see {@link Signal#width()}). */
  public final int width;

  public KernelBlock(int rows, int cols, double[] nngp, double[] ntk, double[] var1,
      double[] ntkDiag1, double[] var2, double[] ntkDiag2, int width) {
    this.rows = rows;
    this.cols = cols;
    this.nngp = nngp;
    this.ntk = ntk;
    this.var1 = var1;
    this.ntkDiag1 = ntkDiag1;
    this.var2 = var2;
    this.ntkDiag2 = ntkDiag2;
    this.width = width;
  }

  /** Whether the NTK is carried along. */
  public boolean hasNtk() {
    return ntk != null;
  }

  /** A deep copy (for {@link FanOut}, whose branches are transformed independently). */
  public KernelBlock copy() {
    return new KernelBlock(rows, cols, nngp.clone(), ntk == null ? null : ntk.clone(),
        var1.clone(), ntkDiag1.clone(), var2.clone(), ntkDiag2.clone(), width);
  }

  /** The same kernels, relabelled with another width. */
  public KernelBlock withWidth(int newWidth) {
    return new KernelBlock(rows, cols, nngp, ntk, var1, ntkDiag1, var2, ntkDiag2, newWidth);
  }
}
