package org.ntk4j.backend.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * C = α·op(A)·op(B) + β·C on row-major GPU matrices (C m×n, op(A) m×k, op(B) k×n; leading
 * dimensions in elements). With {@code lowerOnly} only entries on or below C's diagonal must be
 * updated (a symmetric trailing update); an implementation may update the rest too.
 */
interface DeviceGemm extends AutoCloseable {

  default void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      CUdeviceptr a, int lda, CUdeviceptr b, int ldb, double beta, CUdeviceptr c, int ldc,
      boolean lowerOnly) {
    gemmBatched(transA, transB, m, n, k, alpha, a, lda, 0, b, ldb, 0, beta, c, ldc, 0,
        lowerOnly, 1);
  }

  /**
   * {@code batch} independent products: matrix z of each operand starts {@code z·stride}
   * elements after the first.
   */
  void gemmBatched(boolean transA, boolean transB, int m, int n, int k, double alpha,
      CUdeviceptr a, int lda, long strideA, CUdeviceptr b, int ldb, long strideB, double beta,
      CUdeviceptr c, int ldc, long strideC, boolean lowerOnly, int batch);

  /** What runs the products, for {@code ntk4j devices} and the linear algebra's name. */
  String description();

  @Override
  default void close() {}
}
