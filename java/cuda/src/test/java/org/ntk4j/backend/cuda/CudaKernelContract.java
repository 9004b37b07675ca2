package org.ntk4j.backend.cuda;

import org.junit.jupiter.api.AfterAll;
import org.ntk4j.Precision;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * The device kernel contract on CUDA device 0 with tiles of 32: one backend per test class, opened
 * lazily so that each test skips itself, with the probe's reasons, where CUDA cannot run.
 * Subclasses name the precision and its tolerances.
 */
abstract class CudaKernelContract extends DeviceKernelContract {
  private static CudaKernelBackend backend;

  /** The precision the GPU computes in. */
  protected abstract Precision precision();

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  @Override
  protected KernelBackend backend() {
    CudaAssumptions.assumeCuda();
    if (backend == null) {
      backend = new CudaKernelBackend(0, precision(), 32);
    }
    return backend;
  }
}
