package org.ntk4j.backend.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ntk4j.Precision;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * Float32 kernels whose Gram sums run in float64 (the accumulate-in-double option): the
 * tolerances of {@link OpenClFloat32ContractTest}, which they must meet at least as well.
 */
class OpenClDoubleAccumulationContractTest extends DeviceKernelContract {
  private static OpenClKernelBackend backend;

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    backend = new OpenClKernelBackend(OpenClTestSupport.smallTiles()
        .withPrecision(Precision.FLOAT32).withAccumulateInDouble(true));
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

  @Override
  protected double parallelTolerance() {
    return 2e-3;
  }
}
