package org.ntk4j.backend.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.JCudaDriver;
import org.ntk4j.backend.device.HostBuffer;

/**
 * Page-locked host memory: the GPU copies into it asynchronously (cuMemcpyDtoHAsync) at full
 * bus speed, which pageable Java memory does not allow. Freed on close.
 */
final class PinnedBuffer implements HostBuffer {
  private final Pointer pointer = new Pointer();
  private final ByteBuffer buffer;
  private boolean freed;

  PinnedBuffer(long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a pinned buffer holds at most 2 GiB, asked " + bytes);
    }
    CudaCalls.check(JCudaDriver.cuMemAllocHost(pointer, Math.max(bytes, 1)),
        "allocating " + bytes + " bytes of pinned host memory");
    buffer = pointer.getByteBuffer(0, Math.max(bytes, 1)).order(ByteOrder.nativeOrder());
  }

  Pointer pointer() {
    return pointer;
  }

  @Override
  public ByteBuffer bytes() {
    return buffer.duplicate().order(ByteOrder.nativeOrder());
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      JCudaDriver.cuMemFreeHost(pointer);
    }
  }
}
