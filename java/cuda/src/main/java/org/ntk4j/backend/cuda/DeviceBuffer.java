package org.ntk4j.backend.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** A block of GPU memory, freed on close. Used only with its context current. */
final class DeviceBuffer implements AutoCloseable {
  private final CUdeviceptr pointer = new CUdeviceptr();
  private final long bytes;
  private boolean freed;

  DeviceBuffer(long bytes, String what) {
    this.bytes = Math.max(bytes, 1);
    CudaCalls.check(JCudaDriver.cuMemAlloc(pointer, this.bytes),
        "allocating " + this.bytes + " bytes of GPU memory for " + what);
  }

  CUdeviceptr pointer() {
    return pointer;
  }

  /** A pointer {@code offset} bytes into the buffer. */
  CUdeviceptr at(long offset) {
    return pointer.withByteOffset(offset);
  }

  void upload(Pointer host, long count) {
    CudaCalls.check(JCudaDriver.cuMemcpyHtoD(pointer, host, count), "copying to the GPU");
  }

  void download(Pointer host, long count) {
    CudaCalls.check(JCudaDriver.cuMemcpyDtoH(host, pointer, count), "copying from the GPU");
  }

  void clear() {
    CudaCalls.check(JCudaDriver.cuMemsetD8(pointer, (byte) 0, bytes), "clearing GPU memory");
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      JCudaDriver.cuMemFree(pointer);
    }
  }
}
