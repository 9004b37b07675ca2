package org.ntk4j.backend;

import org.ntk4j.Precision;

/**
 * How to open a backend.
 *
 * @param threads host threads to use (≥ 1)
 * @param precision what to compute in; a backend that cannot (e.g. no fp64) refuses on open
 * @param device index of the device among the backend's devices (as {@code ntk4j devices}
 *     lists them); backends with a single device ignore it
 */
public record BackendOptions(int threads, Precision precision, int device) {

  public BackendOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (device < 0) {
      throw new IllegalArgumentException("device index must be 0 or more, got " + device);
    }
  }

  /** Every core, float64, the first device. */
  public static BackendOptions defaults() {
    return new BackendOptions(Runtime.getRuntime().availableProcessors(), Precision.FLOAT64, 0);
  }

  public BackendOptions withThreads(int n) {
    return new BackendOptions(n, precision, device);
  }

  public BackendOptions withPrecision(Precision p) {
    return new BackendOptions(threads, p, device);
  }

  public BackendOptions withDevice(int index) {
    return new BackendOptions(threads, precision, index);
  }
}
