package org.ntk4j.empirical;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ntk4j.linalg.Matrix;

/**
 * Dense products for finite networks, on EJML's blocked kernels (row-major arrays are wrapped,
 * not copied). Large products use EJML's multi-threaded variants.
 */
final class Products {
  /** Multiply-adds above which a product is worth splitting across threads. */
  private static final long PARALLEL_WORK = 1L << 22;

  private Products() {}

  /** A·B. */
  static Matrix mult(Matrix a, Matrix b) {
    return mult(a, wrap(b.rows(), b.cols(), b.data()));
  }

  /** A·W for a weight tensor W of shape (a.cols × cols). */
  static Matrix mult(Matrix a, double[] w, int cols) {
    return mult(a, wrap(a.cols(), cols, w));
  }

  private static Matrix mult(Matrix a, DMatrixRMaj b) {
    Matrix c = Matrix.zeros(a.rows(), b.numCols);
    DMatrixRMaj out = wrap(c);
    if (work(a.rows(), a.cols(), b.numCols) > PARALLEL_WORK) {
      CommonOps_MT_DDRM.mult(wrap(a), b, out);
    } else {
      CommonOps_DDRM.mult(wrap(a), b, out);
    }
    return c;
  }

  /** Aᵀ·B, as a flat row-major array (a.cols × b.cols). */
  static double[] multTransA(Matrix a, Matrix b) {
    DMatrixRMaj out = new DMatrixRMaj(a.cols(), b.cols());
    if (work(a.rows(), a.cols(), b.cols()) > PARALLEL_WORK) {
      CommonOps_MT_DDRM.multTransA(wrap(a), wrap(b), out);
    } else {
      CommonOps_DDRM.multTransA(wrap(a), wrap(b), out);
    }
    return out.data;
  }

  /** A·Bᵀ. */
  static Matrix multTransB(Matrix a, Matrix b) {
    return multTransB(a, wrap(b.rows(), b.cols(), b.data()));
  }

  /** A·Wᵀ for a weight tensor W of shape (rows × a.cols). */
  static Matrix multTransB(Matrix a, double[] w, int rows) {
    return multTransB(a, wrap(rows, a.cols(), w));
  }

  private static Matrix multTransB(Matrix a, DMatrixRMaj b) {
    Matrix c = Matrix.zeros(a.rows(), b.numRows);
    DMatrixRMaj out = wrap(c);
    if (work(a.rows(), a.cols(), b.numRows) > PARALLEL_WORK) {
      CommonOps_MT_DDRM.multTransB(wrap(a), b, out);
    } else {
      CommonOps_DDRM.multTransB(wrap(a), b, out);
    }
    return c;
  }

  private static long work(int m, int k, int n) {
    return (long) m * k * n;
  }

  private static DMatrixRMaj wrap(Matrix m) {
    return wrap(m.rows(), m.cols(), m.data());
  }

  private static DMatrixRMaj wrap(int rows, int cols, double[] data) {
    return DMatrixRMaj.wrap(rows, cols, data);
  }
}
