package org.ntk4j.spark;

import java.io.Serializable;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The inputs of a kernel job as every executor receives them (one Spark broadcast): X1 and, for
 * a rectangular request, X2, row-major float64. Each task cuts the rows of its tile from them.
 */
final class JobInputs implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int d;
  private final double[] x1;
  /** Null for a symmetric request (X2 = X1). */
  private final double[] x2;

  JobInputs(KernelRequest request) {
    this.d = request.inputWidth();
    this.x1 = request.x1().data();
    this.x2 = request.isSymmetric() ? null : request.x2().data();
  }

  /** Bytes of the inputs, as each executor holds them. */
  static long bytes(KernelRequest request) {
    long rows = request.x1().rows() + (request.isSymmetric() ? 0 : request.x2().rows());
    return rows * request.inputWidth() * Double.BYTES;
  }

  /**
   * The request whose result is this item: a diagonal tile of a symmetric job is itself a
   * symmetric request (its self-pairs get the diagonal treatment of the whole job), any other
   * tile a rectangular one; a diagonal pairs its inputs with a single column.
   */
  KernelRequest request(WorkItem item, Architecture architecture, boolean nngp, boolean ntk) {
    switch (item.kind()) {
      case TILE -> {
        Matrix rows = rows(x1, item.r0(), item.rows());
        boolean symmetricJob = x2 == null;
        if (symmetricJob && item.r0() == item.c0()) {
          return new KernelRequest(architecture, rows, null, nngp, ntk);
        }
        Matrix cols = rows(symmetricJob ? x1 : x2, item.c0(), item.cols());
        return new KernelRequest(architecture, rows, cols, nngp, ntk);
      }
      case X1_DIAGONAL, X2_DIAGONAL -> {
        Matrix rows = rows(item.kind() == WorkItem.Kind.X1_DIAGONAL ? x1 : x2, item.r0(),
            item.rows());
        return new KernelRequest(architecture, rows, rows.rowRange(0, 1), nngp, ntk);
      }
      default -> throw new IllegalStateException("unknown work item " + item);
    }
  }

  /** X1's rows [from, from + count): a row panel's inputs. */
  Matrix leftRows(int from, int count) {
    return rows(x1, from, count);
  }

  /** X1's rows at {@code indices}, in that order. */
  Matrix leftRows(int[] indices) {
    double[] picked = new double[indices.length * d];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(x1, indices[r] * d, picked, r * d, d);
    }
    return new Matrix(indices.length, d, picked);
  }

  /** What every row pairs with: X2, or X1 for a symmetric request (not copied). */
  Matrix right() {
    double[] x = x2 == null ? x1 : x2;
    return new Matrix(x.length / d, d, x);
  }

  private Matrix rows(double[] x, int from, int count) {
    double[] slice = new double[count * d];
    System.arraycopy(x, from * d, slice, 0, slice.length);
    return new Matrix(count, d, slice);
  }
}
