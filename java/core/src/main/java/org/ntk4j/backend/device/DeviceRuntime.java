package org.ntk4j.backend.device;

/**
 * One device as the shared host code uses it, implemented by each backend's adapter over its
 * binding: memory, host memory for asynchronous copies, launches on the runtime's own in-order
 * queue (ordered with every blocking copy of {@link DeviceBuffer}) and further queues for work
 * that overlaps. Failures are {@link DeviceException}s, {@link DeviceOutOfMemoryException} when
 * memory ran out. Closing releases everything the runtime made.
 */
public interface DeviceRuntime extends AutoCloseable {
  /** The device's name, for messages. */
  String deviceName();

  /** Its memory's limits, now. */
  DeviceMemory memory();

  /** {@code bytes} of device memory; {@code what} names their use in an error message. */
  DeviceBuffer allocate(long bytes, String what);

  /** {@code bytes} of host memory for {@link DeviceQueue#readAsync}. */
  HostBuffer allocateHost(long bytes);

  /** Launches on the runtime's own queue, in order with its blocking copies. */
  void launch(Kernel kernel, Grid grid, KernelArgs args);

  /** A queue of its own, for work that overlaps the host's. */
  DeviceQueue newQueue();

  @Override
  void close();
}
