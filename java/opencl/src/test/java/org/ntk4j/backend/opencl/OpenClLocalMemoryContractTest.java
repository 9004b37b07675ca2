package org.ntk4j.backend.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * The GPU tile kernel (local-memory panels, barriers, scalar recursion) forced onto the first
 * device, so that CI's PoCL checks the code GPUs run; float64, tolerances as
 * {@link OpenClFloat64ContractTest}.
 */
class OpenClLocalMemoryContractTest extends DeviceKernelContract {
  private static OpenClKernelBackend backend;

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    backend = new OpenClKernelBackend(OpenClTestSupport.smallTiles()
        .withTileKernel(OpenClSettings.TileKernel.LOCAL_MEMORY));
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

  /** As {@link OpenClFloat64ContractTest#parallelTolerance()}. */
  @Override
  protected double parallelTolerance() {
    return 1e-7;
  }
}
