package org.ntk4j.backend.device;

import java.nio.ByteBuffer;

/**
 * Host memory a device copies into asynchronously (page-locked where the runtime has it, so
 * copies run at full bus speed); freed on close.
 */
public interface HostBuffer extends AutoCloseable {
  /** The memory as a native-order buffer, position 0. */
  ByteBuffer bytes();

  @Override
  void close();
}
