package org.ntk4j.backend.opencl;

import org.jocl.CL;
import org.jocl.cl_mem;

/** A device buffer, released on close. */
public final class OpenClBuffer implements AutoCloseable {
  private cl_mem mem;
  private final long bytes;

  OpenClBuffer(cl_mem mem, long bytes) {
    this.mem = mem;
    this.bytes = bytes;
  }

  cl_mem mem() {
    if (mem == null) {
      throw new IllegalStateException("buffer already released");
    }
    return mem;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    if (mem != null) {
      CL.clReleaseMemObject(mem);
      mem = null;
    }
  }
}
