package org.ntk4j.backend.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * Float64 on OpenCL against the oracle: the generated code repeats the oracle's operations in
 * the same order (no contraction), so only the device's atan2/exp/cos may differ, by an ulp or
 * so, and entries agree to ~1e-15 of their scale; 1e-10 leaves room for the depth-5 recursion
 * to amplify that.
 */
class OpenClFloat64ContractTest extends DeviceKernelContract {
  private static OpenClKernelBackend backend;

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    backend = new OpenClKernelBackend(OpenClTestSupport.smallTiles());
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected KernelBackend backend() {
    return backend;
  }

  @Override
  protected double tolerance() {
    return 1e-10;
  }

  /**
   * √(2ε) ≈ 2e-8 for float64: for a scaled copy the two sides' Gram entries and norms round
   * differently (the oracle sums feature pairs, the device one fma chain), so one side's θ is
   * ~1e-8 where the other's is 0; the layer maps scale that by at most a few.
   */
  @Override
  protected double parallelTolerance() {
    return 1e-7;
  }
}
