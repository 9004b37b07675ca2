package org.ntk4j.backend.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import org.ntk4j.Precision;

/**
 * GEMM by cuBLAS (when libcublas.so.12 loads). cuBLAS is column-major: a row-major X is the
 * column-major Xᵀ, so row-major C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, i.e. the
 * operands swap places and keep their transpose flags.
 */
final class CublasGemm implements DeviceGemm {
  private final Precision precision;
  private final cublasHandle handle = new cublasHandle();

  CublasGemm(CudaContext context, Precision precision) {
    this.precision = precision;
    context.use();
    check(JCublas2.cublasCreate(handle), "creating a cuBLAS handle");
  }

  @Override
  public void gemmBatched(boolean transA, boolean transB, int m, int n, int k, double alpha,
      CUdeviceptr a, int lda, long strideA, CUdeviceptr b, int ldb, long strideB, double beta,
      CUdeviceptr c, int ldc, long strideC, boolean lowerOnly, int batch) {
    if (m == 0 || n == 0 || batch == 0) {
      return;
    }
    int opA = transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    int opB = transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    int status = precision == Precision.FLOAT64
        ? JCublas2.cublasDgemmStridedBatched(handle, opB, opA, n, m, k,
            Pointer.to(new double[] {alpha}), b, ldb, strideB, a, lda, strideA,
            Pointer.to(new double[] {beta}), c, ldc, strideC, batch)
        : JCublas2.cublasSgemmStridedBatched(handle, opB, opA, n, m, k,
            Pointer.to(new float[] {(float) alpha}), b, ldb, strideB, a, lda, strideA,
            Pointer.to(new float[] {(float) beta}), c, ldc, strideC, batch);
    check(status, "a cuBLAS GEMM");
  }

  private static void check(int status, String what) {
    if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
      throw new CudaException("cuBLAS failed in " + what + ": "
          + cublasStatus.stringFor(status), status);
    }
  }

  @Override
  public String description() {
    return "cuBLAS GEMM";
  }

  @Override
  public void close() {
    JCublas2.cublasDestroy(handle);
  }
}
