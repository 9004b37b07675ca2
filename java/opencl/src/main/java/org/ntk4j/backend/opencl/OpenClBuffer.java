package org.ntk4j.backend.opencl;

import java.nio.Buffer;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.ntk4j.backend.device.DeviceBuffer;

/** An OpenCL buffer; its copies are blocking ones on the context's queue. */
final class OpenClBuffer extends DeviceBuffer {
  private final OpenClContext context;
  private cl_mem mem;

  OpenClBuffer(OpenClContext context, cl_mem mem, long bytes) {
    super(bytes);
    this.context = context;
    this.mem = mem;
  }

  cl_mem mem() {
    if (mem == null) {
      throw new IllegalStateException("buffer already released");
    }
    return mem;
  }

  @Override
  protected void write(long offset, Buffer host, long count) {
    copy(true, offset, host, count);
  }

  @Override
  protected void read(long offset, Buffer host, long count) {
    copy(false, offset, host, count);
  }

  private void copy(boolean toDevice, long offset, Buffer host, long count) {
    try {
      if (toDevice) {
        CL.clEnqueueWriteBuffer(context.queue(), mem(), true, offset, count, Pointer.to(host),
            0, null, null);
      } else {
        CL.clEnqueueReadBuffer(context.queue(), mem(), true, offset, count, Pointer.to(host), 0,
            null, null);
      }
    } catch (CLException e) {
      throw context.failure(e, "copying " + count + " bytes " + (toDevice ? "to" : "from")
          + " the device");
    }
  }

  @Override
  public void close() {
    if (mem != null) {
      CL.clReleaseMemObject(mem);
      mem = null;
    }
  }
}
