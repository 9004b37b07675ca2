package org.ntk4j.backend;

import org.ntk4j.kernel.KernelBackend;

/**
 * One kind of backend. Implementations must not touch native libraries in their constructor or
 * static initializer: {@link #probe()} does that and reports failure as an unavailable
 * {@link BackendInfo}. (The registry also catches anything a probe throws, linkage errors
 * included, but a good probe names the cause and the fix.)
 */
public interface BackendProvider {

  /** The command-line name, e.g. {@code opencl}. */
  String name();

  /** Checks whether the backend can run here; never throws. */
  BackendInfo probe();

  /**
   * Opens the backend. Only called after a probe said it is available.
   *
   * @throws org.ntk4j.InvalidInputException when the options cannot be honoured here
   *     (e.g. float64 on a device without fp64, a device index out of range)
   */
  KernelBackend open(BackendOptions options);

  /**
   * How much {@code auto} prefers this backend when it is available: the highest wins, ties go
   * to the earlier provider. The Java oracle is 0; a GPU backend should be higher, a CPU device
   * backend slower than the oracle lower.
   */
  default int autoRank(BackendInfo info) {
    return 0;
  }

  /**
   * {@link #autoRank(BackendInfo)} for a known job: a backend whose speed relative to the
   * oracle depends on the job's size (a CPU device: start-up against per-pair speed) ranks
   * itself by it. {@code job} is null when the job is not known.
   */
  default int autoRank(BackendInfo info, JobShape job) {
    return autoRank(info);
  }
}
