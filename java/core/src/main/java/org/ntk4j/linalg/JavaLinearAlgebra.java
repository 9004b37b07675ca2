package org.ntk4j.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The oracle's linear algebra, float64 on the CPU: ojAlgo for the symmetric eigendecomposition
 * (the fastest measured here), EJML for Cholesky and matrix products (multi-threaded above a
 * size where threads pay), and plain substitution for triangular solves.
 */
public final class JavaLinearAlgebra implements LinearAlgebra {
  /** Multiply-adds below which a single-threaded product is faster than EJML's threaded one. */
  private static final long THREADED_PRODUCT_WORK = 1L << 20;
  /** Right-hand-side columns per parallel task in triangular solves. */
  private static final int SOLVE_COLUMN_BLOCK = 64;

  static {
    // ojAlgo prints a hardware-profile notice to stdout on first use unless this is set; the
    // CLI's stdout carries results.
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public SymmetricEigen eigh(Matrix a) {
    Shapes.requireSquare(a, "eigh's argument");
    int n = a.rows();
    if (n == 0) {
      return new SymmetricEigen(new double[0], Matrix.zeros(0, 0));
    }
    Eigenvalue<Double> evd = Eigenvalue.R064.make(a.rows(), true);
    // ojAlgo stores column-major: the row-major data read column-major is Aᵀ, which is A.
    if (!evd.decompose(R064Store.wrap(values(a).clone(), n))) {
      throw new ArithmeticException("the symmetric eigendecomposition of a " + a.shape()
          + " matrix did not converge (non-finite entries?)");
    }
    double[] values = new double[n];
    evd.getEigenvalues(values, Optional.empty());
    MatrixStore<Double> v = evd.getV();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] sortedValues = new double[n];
    double[] vectors = new double[n * n];
    for (int c = 0; c < n; c++) {
      int src = order[c];
      sortedValues[c] = values[src];
      for (int r = 0; r < n; r++) {
        vectors[r * n + c] = v.doubleValue(r, src);
      }
    }
    return new SymmetricEigen(sortedValues, new Matrix(n, n, vectors));
  }

  @Override
  public Matrix cholesky(Matrix a) {
    Shapes.requireSquare(a, "cholesky's argument");
    int n = a.rows();
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    DMatrixRMaj work = DMatrixRMaj.wrap(n, n, values(a).clone());
    DMatrixRMaj lower = chol.decompose(work) ? chol.getT(null) : null;
    if (lower == null || !hasPositiveDiagonal(lower, n)) {
      throw new NotPositiveDefiniteException(n, eigh(a).min());
    }
    return new Matrix(n, n, Arrays.copyOf(lower.data, n * n));
  }

  /** EJML reports success on some breakdowns that leave NaN or zero pivots; refuse those too. */
  private static boolean hasPositiveDiagonal(DMatrixRMaj l, int n) {
    for (int i = 0; i < n; i++) {
      double d = l.get(i, i);
      if (!(d > 0) || !Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Matrix solveTriangular(Matrix t, Triangle triangle, boolean transpose, Matrix b) {
    Shapes.requireRightHandSide(t, b);
    int n = t.rows();
    int k = b.cols();
    double[] x = values(b).clone();
    double[] tv = values(t);
    // Forward when the effective matrix (T or Tᵀ) is lower triangular, backward otherwise.
    boolean lowerEffective = (triangle == Triangle.LOWER) != transpose;
    IntStream.range(0, (k + SOLVE_COLUMN_BLOCK - 1) / SOLVE_COLUMN_BLOCK).parallel()
        .forEach(block -> {
          int c0 = block * SOLVE_COLUMN_BLOCK;
          int c1 = Math.min(k, c0 + SOLVE_COLUMN_BLOCK);
          if (!transpose) {
            substituteByRows(tv, n, x, k, c0, c1, lowerEffective);
          } else {
            substituteByColumns(tv, n, x, k, c0, c1, lowerEffective);
          }
        });
    return new Matrix(n, k, x);
  }

  /**
   * Solves T·X = B in place for columns [c0, c1) of X, reading row i of T to finish row i of X:
   * xᵢ = (bᵢ − Σⱼ Tᵢⱼ·xⱼ)/Tᵢᵢ over the already solved j (below i when forward).
   */
  private static void substituteByRows(double[] t, int n, double[] x, int k, int c0, int c1,
      boolean forward) {
    for (int s = 0; s < n; s++) {
      int i = forward ? s : n - 1 - s;
      int from = forward ? 0 : i + 1;
      int to = forward ? i : n;
      for (int j = from; j < to; j++) {
        double tij = t[i * n + j];
        if (tij != 0) {
          for (int c = c0; c < c1; c++) {
            x[i * k + c] -= tij * x[j * k + c];
          }
        }
      }
      double pivot = t[i * n + i];
      for (int c = c0; c < c1; c++) {
        x[i * k + c] /= pivot;
      }
    }
  }

  /**
   * Solves Tᵀ·X = B in place for columns [c0, c1): once xᵢ is known, row i of T (column i of
   * Tᵀ) is subtracted from the equations still open, so T is read along its rows.
   */
  private static void substituteByColumns(double[] t, int n, double[] x, int k, int c0, int c1,
      boolean forward) {
    for (int s = 0; s < n; s++) {
      int i = forward ? s : n - 1 - s;
      double pivot = t[i * n + i];
      for (int c = c0; c < c1; c++) {
        x[i * k + c] /= pivot;
      }
      int from = forward ? i + 1 : 0;
      int to = forward ? n : i;
      for (int j = from; j < to; j++) {
        double tij = t[i * n + j];
        if (tij != 0) {
          for (int c = c0; c < c1; c++) {
            x[j * k + c] -= tij * x[i * k + c];
          }
        }
      }
    }
  }

  @Override
  public Matrix multiply(Matrix a, Matrix b) {
    Shapes.requireInner(a.cols(), b.rows(), a, b, "A·B");
    DMatrixRMaj c = new DMatrixRMaj(a.rows(), b.cols());
    if (threaded(a.rows(), a.cols(), b.cols())) {
      CommonOps_MT_DDRM.mult(wrap(a), wrap(b), c);
    } else {
      CommonOps_DDRM.mult(wrap(a), wrap(b), c);
    }
    return unwrap(c);
  }

  @Override
  public Matrix multiplyTransposeA(Matrix a, Matrix b) {
    Shapes.requireInner(a.rows(), b.rows(), a, b, "Aᵀ·B");
    DMatrixRMaj c = new DMatrixRMaj(a.cols(), b.cols());
    if (threaded(a.cols(), a.rows(), b.cols())) {
      CommonOps_MT_DDRM.multTransA(wrap(a), wrap(b), c);
    } else {
      CommonOps_DDRM.multTransA(wrap(a), wrap(b), c);
    }
    return unwrap(c);
  }

  @Override
  public Matrix multiplyTransposeB(Matrix a, Matrix b) {
    Shapes.requireInner(a.cols(), b.cols(), a, b, "A·Bᵀ");
    DMatrixRMaj c = new DMatrixRMaj(a.rows(), b.rows());
    if (threaded(a.rows(), a.cols(), b.rows())) {
      CommonOps_MT_DDRM.multTransB(wrap(a), wrap(b), c);
    } else {
      CommonOps_DDRM.multTransB(wrap(a), wrap(b), c);
    }
    return unwrap(c);
  }

  @Override
  public List<Matrix> diagonalScaledProducts(Matrix left, Matrix factors, Matrix right) {
    return StackedProducts.compute(this, left, factors, right);
  }

  private static boolean threaded(long m, long r, long k) {
    return m * r * k >= THREADED_PRODUCT_WORK;
  }

  private static DMatrixRMaj wrap(Matrix a) {
    return DMatrixRMaj.wrap(a.rows(), a.cols(), values(a));
  }

  /**
   * The values as a float64 array: the matrix's own for heap float64 storage, else a heap copy
   * (the oracle computes on arrays, so it holds matrices of at most 2³¹ entries).
   */
  private static double[] values(Matrix a) {
    if (a.entries() > Matrix.MAX_ARRAY) {
      throw new org.ntk4j.InvalidInputException("the pure-Java linear algebra holds at"
          + " most " + Matrix.MAX_ARRAY + " entries per matrix; this " + a.shape() + " one needs"
          + " the native BLAS/LAPACK (see `ntk4j devices`)");
    }
    return a.toDoubleArray();
  }

  private static Matrix unwrap(DMatrixRMaj c) {
    return new Matrix(c.numRows, c.numCols, c.data);
  }
}
