package org.ntk4j.linalg;

import static org.bytedeco.openblas.global.openblas_full.*;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.ntk4j.Precision;

/**
 * The BLAS/LAPACK routines {@link NativeLinearAlgebra} calls, for one precision (the d- or
 * s-routine of each), on native blocks given by address. Matrices are row-major; LAPACK's
 * column-major routines see a row-major symmetric matrix as itself, and a row-major lower
 * triangle as a column-major upper one. Every size is a 32-bit LAPACK integer: callers check
 * them first ({@link NativeLinearAlgebra}).
 */
abstract class Lapack {
  static final Lapack FLOAT64 = new Float64();
  static final Lapack FLOAT32 = new Float32();

  static Lapack of(Precision p) {
    return p == Precision.FLOAT64 ? FLOAT64 : FLOAT32;
  }

  abstract Precision precision();

  /**
   * Factors the n × n block at {@code a} (leading dimension lda) in place: its row-major lower
   * triangle becomes L with A = L·Lᵀ; the strict upper triangle is not touched. Returns
   * LAPACK's info (k &gt; 0: the leading minor of order k is not positive definite).
   */
  abstract int potrfLower(int n, long a, int lda);

  /** B ← op(T)⁻¹·B (left) or B·op(T)⁻¹ (right) for triangular T, row-major. */
  abstract void trsm(boolean left, boolean lower, boolean transpose, int m, int n, long t,
      int ldt, long b, int ldb);

  /** C ← α·op(A)·op(B) + β·C, row-major; C is m × n, the inner dimension k. */
  abstract void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, long a,
      int lda, long b, int ldb, double beta, long c, int ldc);

  /** The lower triangle of C ← α·A·Aᵀ + β·C for A n × k, row-major. */
  abstract void syrkLower(int n, int k, double alpha, long a, int lda, double beta, long c,
      int ldc);

  /**
   * Divide-and-conquer eigendecomposition of the symmetric n × n block at {@code a} into
   * ascending eigenvalues at {@code w}; with {@code vectors}, A is overwritten with the
   * eigenvectors as its columns in column-major order (row i of the row-major block is
   * eigenvector i). Returns info.
   */
  abstract int syevd(boolean vectors, int n, long a, long w);

  /**
   * MRRR eigenpairs il..iu (1-based, ascending) of the symmetric block at {@code a} (destroyed):
   * values at {@code w}, with {@code vectors} the eigenvectors column-major at {@code z}
   * (n × (iu − il + 1), leading dimension n). Returns info.
   */
  abstract int syevr(boolean vectors, int n, long a, int il, int iu, long w, long z);

  /** Transposes the square n × n block at {@code a} in place. */
  abstract void transposeInPlace(int n, long a);

  private static byte jobz(boolean vectors) {
    return (byte) (vectors ? 'V' : 'N');
  }

  private static int trans(boolean t) {
    return t ? CblasTrans : CblasNoTrans;
  }

  private static final class Float64 extends Lapack {
    private static DoublePointer p(long address) {
      return NativeStorage.doublePointer(address, 1);
    }

    @Override
    Precision precision() {
      return Precision.FLOAT64;
    }

    @Override
    int potrfLower(int n, long a, int lda) {
      return LAPACKE_dpotrf(LAPACK_COL_MAJOR, (byte) 'U', n, p(a), lda);
    }

    @Override
    void trsm(boolean left, boolean lower, boolean transpose, int m, int n, long t, int ldt,
        long b, int ldb) {
      cblas_dtrsm(CblasRowMajor, left ? CblasLeft : CblasRight, lower ? CblasLower : CblasUpper,
          trans(transpose), CblasNonUnit, m, n, 1.0, p(t), ldt, p(b), ldb);
    }

    @Override
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, long a,
        int lda, long b, int ldb, double beta, long c, int ldc) {
      cblas_dgemm(CblasRowMajor, trans(transA), trans(transB), m, n, k, alpha, p(a), lda, p(b),
          ldb, beta, p(c), ldc);
    }

    @Override
    void syrkLower(int n, int k, double alpha, long a, int lda, double beta, long c, int ldc) {
      cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, n, k, alpha, p(a), lda, beta, p(c),
          ldc);
    }

    @Override
    int syevd(boolean vectors, int n, long a, long w) {
      return LAPACKE_dsyevd(LAPACK_COL_MAJOR, jobz(vectors), (byte) 'U', n, p(a), n, p(w));
    }

    @Override
    int syevr(boolean vectors, int n, long a, int il, int iu, long w, long z) {
      try (IntPointer found = new IntPointer(1);
          IntPointer support = new IntPointer(2L * Math.max(1, n))) {
        return LAPACKE_dsyevr(LAPACK_COL_MAJOR, jobz(vectors), (byte) 'I', (byte) 'U', n, p(a),
            n, 0, 0, il, iu, 0, found, p(w), vectors ? p(z) : p(w), vectors ? n : 1, support);
      }
    }

    @Override
    void transposeInPlace(int n, long a) {
      cblas_dimatcopy(CblasRowMajor, CblasTrans, n, n, 1.0, p(a), n, n);
    }
  }

  private static final class Float32 extends Lapack {
    private static FloatPointer p(long address) {
      return NativeStorage.floatPointer(address, 1);
    }

    @Override
    Precision precision() {
      return Precision.FLOAT32;
    }

    @Override
    int potrfLower(int n, long a, int lda) {
      return LAPACKE_spotrf(LAPACK_COL_MAJOR, (byte) 'U', n, p(a), lda);
    }

    @Override
    void trsm(boolean left, boolean lower, boolean transpose, int m, int n, long t, int ldt,
        long b, int ldb) {
      cblas_strsm(CblasRowMajor, left ? CblasLeft : CblasRight, lower ? CblasLower : CblasUpper,
          trans(transpose), CblasNonUnit, m, n, 1.0f, p(t), ldt, p(b), ldb);
    }

    @Override
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, long a,
        int lda, long b, int ldb, double beta, long c, int ldc) {
      cblas_sgemm(CblasRowMajor, trans(transA), trans(transB), m, n, k, (float) alpha, p(a),
          lda, p(b), ldb, (float) beta, p(c), ldc);
    }

    @Override
    void syrkLower(int n, int k, double alpha, long a, int lda, double beta, long c, int ldc) {
      cblas_ssyrk(CblasRowMajor, CblasLower, CblasNoTrans, n, k, (float) alpha, p(a), lda,
          (float) beta, p(c), ldc);
    }

    @Override
    int syevd(boolean vectors, int n, long a, long w) {
      return LAPACKE_ssyevd(LAPACK_COL_MAJOR, jobz(vectors), (byte) 'U', n, p(a), n, p(w));
    }

    @Override
    int syevr(boolean vectors, int n, long a, int il, int iu, long w, long z) {
      try (IntPointer found = new IntPointer(1);
          IntPointer support = new IntPointer(2L * Math.max(1, n))) {
        return LAPACKE_ssyevr(LAPACK_COL_MAJOR, jobz(vectors), (byte) 'I', (byte) 'U', n, p(a),
            n, 0, 0, il, iu, 0, found, p(w), vectors ? p(z) : p(w), vectors ? n : 1, support);
      }
    }

    @Override
    void transposeInPlace(int n, long a) {
      cblas_simatcopy(CblasRowMajor, CblasTrans, n, n, 1.0f, p(a), n, n);
    }
  }
}
