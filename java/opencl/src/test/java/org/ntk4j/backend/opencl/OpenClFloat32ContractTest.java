package org.ntk4j.backend.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ntk4j.Precision;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * Float32 on OpenCL against the float64 oracle. Rounding the inputs costs 6e-8 relative; the
 * Gram sums over d = 11 terms add ≲ d·6e-8 ≈ 7e-7 of the Cauchy–Schwarz scale; each layer's map
 * has O(1) sensitivity in those units, so six layers stay near 1e-5. 1e-4 is the bound.
 */
class OpenClFloat32ContractTest extends DeviceKernelContract {
  private static OpenClKernelBackend backend;

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    backend = new OpenClKernelBackend(
        OpenClTestSupport.smallTiles().withPrecision(Precision.FLOAT32));
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
    return 1e-4;
  }

  /** √ε for float32 is 3.5e-4; a few layers of it at θ = 0 stay below 2e-3. */
  @Override
  protected double parallelTolerance() {
    return 2e-3;
  }
}
