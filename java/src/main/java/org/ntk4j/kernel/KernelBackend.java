package org.ntk4j.kernel;

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

  @Override
  default void close() {}
}
