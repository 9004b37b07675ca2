package org.ntk4j.backend.cuda;

import java.nio.Buffer;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.ntk4j.backend.device.DeviceBuffer;

/** A block of GPU memory; its copies are synchronous. Freed on close. */
final class CudaBuffer extends DeviceBuffer {
  private final CudaContext context;
  private final CUdeviceptr pointer = new CUdeviceptr();
  private boolean freed;

  CudaBuffer(CudaContext context, long bytes, String what) {
    super(bytes);
    this.context = context;
    context.use();
    CudaCalls.check(JCudaDriver.cuMemAlloc(pointer, Math.max(bytes, 1)),
        "allocating " + bytes + " bytes of GPU memory for " + what);
  }

  CUdeviceptr pointer() {
    return pointer;
  }

  /** A pointer {@code offset} bytes into the buffer. */
  CUdeviceptr at(long offset) {
    return pointer.withByteOffset(offset);
  }

  @Override
  protected void write(long offset, Buffer host, long count) {
    context.use();
    CudaCalls.check(JCudaDriver.cuMemcpyHtoD(at(offset), Pointer.to(host), count),
        "copying to the GPU");
  }

  @Override
  protected void read(long offset, Buffer host, long count) {
    context.use();
    CudaCalls.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(host), at(offset), count),
        "copying from the GPU");
  }

  /** Sets every byte to 0. */
  void clear() {
    context.use();
    CudaCalls.check(JCudaDriver.cuMemsetD8(pointer, (byte) 0, Math.max(bytes(), 1)),
        "clearing GPU memory");
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      context.use();
      JCudaDriver.cuMemFree(pointer);
    }
  }
}
