package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceLinearAlgebra;

/**
 * {@link DeviceLinearAlgebra} on one NVIDIA GPU, with the kernels of opencl/ntk_linalg.cl as
 * cuda/ntk_linalg.cu builds them and cuBLAS GEMM where libcublas.so.12 loads.
 */
public final class CudaLinearAlgebra extends DeviceLinearAlgebra {
  /** The panel width cuda/ntk_linalg.cu is built with (NB). */
  static final int NB = 64;

  /** Opens GPU {@code device} for linear algebra in {@code precision}. */
  public static CudaLinearAlgebra open(int device, Precision precision) {
    return new CudaLinearAlgebra(new CudaContext(device), true, precision);
  }

  CudaLinearAlgebra(CudaContext context, boolean ownsContext, Precision precision) {
    super("cuda", context, ownsContext,
        name -> context.kernel(CudaPtx.LINALG, name + "_" + Suffix.of(precision)), precision,
        NB, CudaProbe.status().cublas() ? new CublasGemm(context, precision) : null);
  }
}
