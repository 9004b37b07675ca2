package org.ntk4j.backend.cuda;

import org.junit.jupiter.api.AfterAll;
import org.ntk4j.backend.Precision;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * Float32 on the GPU against the float64 oracle (skipped, with the reason, where CUDA cannot
 * run); the same bounds and reasoning as the OpenCL float32 contract: inputs rounded to 6e-8,
 * Gram sums over d = 11 terms, O(1) sensitivity per layer → ~1e-5; √ε ≈ 3.5e-4 at θ = 0.
 */
class CudaFloat32ContractTest extends DeviceKernelContract {
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
      backend = new CudaKernelBackend(0, Precision.FLOAT32, 32);
    }
    return backend;
  }

  @Override
  protected double tolerance() {
    return 1e-4;
  }

  @Override
  protected double parallelTolerance() {
    return 2e-3;
  }
}
