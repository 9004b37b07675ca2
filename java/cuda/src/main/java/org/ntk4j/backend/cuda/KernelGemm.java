package org.ntk4j.backend.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import org.ntk4j.Precision;

/** GEMM by ntk_gemm in cuda/ntk_linalg.cu: 64×64 tiles of 16×16 threads. */
final class KernelGemm implements DeviceGemm {
  private static final int TILE = 64;
  private static final int THREADS = 16;

  private final CudaContext context;
  private final Precision precision;
  private final CUfunction function;

  KernelGemm(CudaContext context, Precision precision) {
    this.context = context;
    this.precision = precision;
    this.function = context.function(CudaPtx.LINALG, "ntk_gemm_" + Suffix.of(precision));
  }

  @Override
  public void gemmBatched(boolean transA, boolean transB, int m, int n, int k, double alpha,
      CUdeviceptr a, int lda, long strideA, CUdeviceptr b, int ldb, long strideB, double beta,
      CUdeviceptr c, int ldc, long strideC, boolean lowerOnly, int batch) {
    if (m == 0 || n == 0 || batch == 0) {
      return;
    }
    int[] grid = {(n + TILE - 1) / TILE, (m + TILE - 1) / TILE, batch};
    context.launch(function, grid, new int[] {THREADS, THREADS, 1}, null,
        transA ? 1 : 0, transB ? 1 : 0, m, n, k, Suffix.real(precision, alpha), a, lda, b, ldb,
        Suffix.real(precision, beta), c, ldc, lowerOnly ? 1 : 0, strideA, strideB, strideC);
  }

  @Override
  public String description() {
    return "hand-written GEMM";
  }
}
