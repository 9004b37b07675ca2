package org.ntk4j.kernel;

import org.ntk4j.Precision;
import org.ntk4j.linalg.HostLinearAlgebra;
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
   * eigendecompose its kernels there), computing in {@code precision}. It shares this
   * backend's device and must be closed before the backend. On the host it is native
   * BLAS/LAPACK, or the pure-Java oracle where the natives do not load
   * ({@link HostLinearAlgebra}).
   */
  default LinearAlgebra linearAlgebra(Precision precision) {
    return HostLinearAlgebra.open(precision);
  }

  /** {@link #linearAlgebra(Precision)} in float64. */
  default LinearAlgebra linearAlgebra() {
    return linearAlgebra(Precision.FLOAT64);
  }

  @Override
  default void close() {}
}
