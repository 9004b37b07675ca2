package org.ntk4j.backend.device;

/** GEMM by the hand-written ntk_gemm of opencl/ntk_linalg.cl. */
final class KernelGemm implements DeviceGemm {
  private final LinearAlgebraKernels kernels;

  KernelGemm(LinearAlgebraKernels kernels) {
    this.kernels = kernels;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      MatrixRegion a, MatrixRegion b, double beta, MatrixRegion c, boolean lowerOnly) {
    kernels.gemm(transA, transB, m, n, k, alpha, a, b, beta, c, lowerOnly);
  }

  @Override
  public String description() {
    return "hand-written GEMM";
  }
}
