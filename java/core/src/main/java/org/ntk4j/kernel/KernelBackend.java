package org.ntk4j.kernel;

import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;

/**
 * Computes infinite-width kernels. Implementations: the pure-Java oracle and the device
 * backends, all tested against the oracle. Backends hold native resources, hence closeable.
 */
public interface KernelBackend extends AutoCloseable {

  /** Short name used on the command line, e.g. {@code java}. */
  String name();

  /** Computes the kernels of the request in float64. */
  Kernels compute(KernelRequest request, ProgressListener progress);

  default Kernels compute(KernelRequest request) {
    return compute(request, ProgressListener.NONE);
  }

  /**
   * The linear algebra that runs where this backend runs (predictions solve and
   * eigendecompose its kernels there). It shares this backend's device and must be closed
   * before the backend. The oracle's is ojAlgo/EJML on the CPU.
   */
  default LinearAlgebra linearAlgebra() {
    return new JavaLinearAlgebra();
  }

  @Override
  default void close() {}
}
