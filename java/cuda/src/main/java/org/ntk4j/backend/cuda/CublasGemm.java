package org.ntk4j.backend.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceGemm;
import org.ntk4j.backend.device.MatrixRegion;

/**
 * GEMM by cuBLAS (when libcublas.so.12 loads). cuBLAS is column-major: a row-major X is the
 * column-major Xᵀ, so row-major C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, i.e. the
 * operands swap places and keep their transpose flags.
 */
final class CublasGemm implements DeviceGemm {
  private final CudaContext context;
  private final Precision precision;
  private final cublasHandle handle = new cublasHandle();

  CublasGemm(CudaContext context, Precision precision) {
    this.context = context;
    this.precision = precision;
    context.use();
    check(JCublas2.cublasCreate(handle), "creating a cuBLAS handle");
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      MatrixRegion a, MatrixRegion b, double beta, MatrixRegion c, boolean lowerOnly) {
    if (m == 0 || n == 0) {
      return;
    }
    context.use();
    int opA = transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    int opB = transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    int status = precision == Precision.FLOAT64
        ? JCublas2.cublasDgemm(handle, opB, opA, n, m, k, Pointer.to(new double[] {alpha}),
            pointer(b), b.ld(), pointer(a), a.ld(), Pointer.to(new double[] {beta}),
            pointer(c), c.ld())
        : JCublas2.cublasSgemm(handle, opB, opA, n, m, k,
            Pointer.to(new float[] {(float) alpha}), pointer(b), b.ld(), pointer(a), a.ld(),
            Pointer.to(new float[] {(float) beta}), pointer(c), c.ld());
    check(status, "a cuBLAS GEMM");
  }

  private CUdeviceptr pointer(MatrixRegion r) {
    return ((CudaBuffer) r.buffer()).at(r.offset() * precision.bytes());
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
    context.use();
    JCublas2.cublasDestroy(handle);
  }
}
