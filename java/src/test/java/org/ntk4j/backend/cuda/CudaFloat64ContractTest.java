package org.ntk4j.backend.cuda;

import org.junit.jupiter.api.AfterAll;
import org.ntk4j.backend.Precision;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * Float64 on the GPU against the oracle (skipped, with the reason, where CUDA cannot run). The
 * PTX is built without contraction (--fmad=false) and the interpreter repeats the oracle's
 * operations in order, so only CUDA's atan2/exp/cos (≤ 2 ulp) differ: 1e-10 as for OpenCL.
 */
class CudaFloat64ContractTest extends DeviceKernelContract {
  private static CudaKernelBackend backend;


  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  /** Each test skips itself, with the probe's reasons, where CUDA cannot run. */
  @Override
  protected KernelBackend backend() {
    CudaAssumptions.assumeCuda();
    if (backend == null) {
      backend = new CudaKernelBackend(0, Precision.FLOAT64, 32);
    }
    return backend;
  }

  @Override
  protected double tolerance() {
    return 1e-10;
  }

  @Override
  protected double parallelTolerance() {
    return 1e-10;
  }
}
