package org.ntk4j.backend.cuda;

/**
 * One NVIDIA GPU as the driver describes it.
 *
 * @param index the driver's device ordinal
 * @param memoryBytes total device memory
 */
public record CudaDeviceInfo(int index, String name, int major, int minor, long memoryBytes,
    int multiprocessors) {

  /** The oldest GPU generation the PTX (compute_75) runs on: Turing. */
  static final int MIN_CAPABILITY = 75;

  public boolean supported() {
    return 10 * major + minor >= MIN_CAPABILITY;
  }

  /** e.g. {@code "NVIDIA H100 80GB HBM3 (sm_90, 79.1 GiB, 132 SMs)"}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s (sm_%d%d, %.1f GiB, %d SMs)", name, major,
        minor, memoryBytes / (double) (1L << 30), multiprocessors);
  }
}
