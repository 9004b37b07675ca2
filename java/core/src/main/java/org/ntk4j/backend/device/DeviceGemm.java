package org.ntk4j.backend.device;

/**
 * C = α·op(A)·op(B) + β·C on row-major device matrices (C m×n, op(A) m×k, op(B) k×n). With
 * {@code lowerOnly} only entries on or below C's diagonal must be updated (a symmetric trailing
 * update); an implementation may update the rest too. The hand-written kernel of
 * opencl/ntk_linalg.cl by default; a backend may bring a vendor library's.
 */
public interface DeviceGemm extends AutoCloseable {

  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, MatrixRegion a,
      MatrixRegion b, double beta, MatrixRegion c, boolean lowerOnly);

  /** What runs the products, for the linear algebra's name. */
  String description();

  @Override
  default void close() {}
}
