package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;

/**
 * Float32 on the GPU against the float64 oracle (skipped, with the reason, where CUDA cannot
 * run); the same bounds and reasoning as the OpenCL float32 contract: inputs rounded to 6e-8,
 * Gram sums over d = 11 terms, O(1) sensitivity per layer → ~1e-5; √ε ≈ 3.5e-4 at θ = 0.
 */
class CudaFloat32ContractTest extends CudaKernelContract {
  @Override
  protected Precision precision() {
    return Precision.FLOAT32;
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
