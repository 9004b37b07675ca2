package org.ntk4j.backend.device;

/**
 * An in-order stream of device work that runs while the host goes on: launches and copies back
 * to host memory. Two queues let one tile compute while the other is copied out.
 */
public interface DeviceQueue extends AutoCloseable {
  void launch(Kernel kernel, Grid grid, KernelArgs args);

  /** Starts copying the first {@code bytes} of {@code source} into {@code target}. */
  void readAsync(DeviceBuffer source, HostBuffer target, long bytes);

  /** Hands what was queued to the device without waiting. */
  void flush();

  /** Waits until everything queued so far is done; a failure of any of it throws here. */
  void await();

  /** Waits for what is queued, then releases the queue. */
  @Override
  void close();
}
