package org.ntk4j.backend.opencl;

import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_program;
import org.ntk4j.backend.device.KernelLibrary;

/** A built program and its kernels, each made once; released by the context. */
final class OpenClProgram implements KernelLibrary {
  private final OpenClContext context;
  private final cl_program program;
  private final Map<String, OpenClKernel> kernels = new HashMap<>();

  OpenClProgram(OpenClContext context, cl_program program) {
    this.context = context;
    this.program = program;
  }

  @Override
  public synchronized OpenClKernel kernel(String name) {
    OpenClKernel k = kernels.get(name);
    if (k == null) {
      try {
        k = new OpenClKernel(name, CL.clCreateKernel(program, name, null));
      } catch (CLException e) {
        throw context.failure(e, "creating kernel " + name);
      }
      kernels.put(name, k);
    }
    return k;
  }

  synchronized void release() {
    for (OpenClKernel k : kernels.values()) {
      k.release();
    }
    kernels.clear();
    CL.clReleaseProgram(program);
  }
}
