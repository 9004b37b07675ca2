package org.ntk4j.backend.cuda;

import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.ntk4j.backend.device.DeviceBuffer;
import org.ntk4j.backend.device.DeviceQueue;
import org.ntk4j.backend.device.Grid;
import org.ntk4j.backend.device.HostBuffer;
import org.ntk4j.backend.device.Kernel;
import org.ntk4j.backend.device.KernelArgs;

/** A CUDA stream: its launches and copies to pinned memory run in order, asynchronously. */
final class CudaStream implements DeviceQueue {
  private final CudaContext context;
  private final CUstream stream = new CUstream();

  CudaStream(CudaContext context) {
    this.context = context;
    context.use();
    CudaCalls.check(JCudaDriver.cuStreamCreate(stream, 0), "creating a stream");
  }

  @Override
  public void launch(Kernel kernel, Grid grid, KernelArgs args) {
    context.launch(kernel, grid, args, stream);
  }

  @Override
  public void readAsync(DeviceBuffer source, HostBuffer target, long bytes) {
    context.use();
    CudaCalls.check(JCudaDriver.cuMemcpyDtoHAsync(((PinnedBuffer) target).pointer(),
        ((CudaBuffer) source).pointer(), bytes, stream), "copying a tile back");
  }

  /** The driver starts work as it is queued. */
  @Override
  public void flush() {}

  @Override
  public void await() {
    context.use();
    CudaCalls.check(JCudaDriver.cuStreamSynchronize(stream), "computing a tile");
  }

  @Override
  public void close() {
    context.use();
    JCudaDriver.cuStreamSynchronize(stream);
    JCudaDriver.cuStreamDestroy(stream);
  }
}
