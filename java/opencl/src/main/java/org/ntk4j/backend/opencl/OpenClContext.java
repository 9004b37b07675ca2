package org.ntk4j.backend.opencl;

import static org.jocl.CL.CL_BUILD_PROGRAM_FAILURE;
import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * An OpenCL context and in-order command queue on one device, with a cache of built programs
 * (keyed by source and options; PoCL also caches binaries on disk). Everything is released on
 * close.
 */
public final class OpenClContext implements AutoCloseable {
  private final OpenClDevice device;
  private final cl_context context;
  private final cl_command_queue queue;
  private final Map<String, cl_program> programs = new HashMap<>();

  public OpenClContext(OpenClDevice device) {
    this.device = device;
    CL.setExceptionsEnabled(true);
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
    this.context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.id()}, null, null,
        null);
    cl_command_queue q;
    try {
      q = CL.clCreateCommandQueueWithProperties(context, device.id(), null, null);
    } catch (CLException | UnsupportedOperationException e) {
      q = createLegacyQueue();
    }
    this.queue = q;
  }

  @SuppressWarnings("deprecation")
  private cl_command_queue createLegacyQueue() {
    return CL.clCreateCommandQueue(context, device.id(), 0, null);
  }

  public OpenClDevice device() {
    return device;
  }

  cl_command_queue queue() {
    return queue;
  }

  /** A read-write device buffer of {@code bytes} bytes. */
  public OpenClBuffer buffer(long bytes) {
    return new OpenClBuffer(CL.clCreateBuffer(context, CL_MEM_READ_WRITE, Math.max(1, bytes),
        null, null), bytes);
  }

  /**
   * The program built from {@code source} (cached). @throws OpenClException with the build log
   * when the device compiler rejects it
   */
  public synchronized cl_program program(String source, String options) {
    String key = options + "\n" + source;
    cl_program cachedProgram = programs.get(key);
    if (cachedProgram != null) {
      return cachedProgram;
    }
    cl_program p = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
    try {
      CL.clBuildProgram(p, 1, new cl_device_id[] {device.id()}, options, null, null);
    } catch (CLException e) {
      String log = buildLog(p);
      CL.clReleaseProgram(p);
      if (e.getStatus() == CL_BUILD_PROGRAM_FAILURE) {
        throw new OpenClException("the OpenCL kernel failed to build on " + device.name()
            + "; build log:\n" + log, e);
      }
      throw new OpenClException("building the OpenCL kernel failed on " + device.name() + " ("
          + CL.stringFor_errorCode(e.getStatus()) + "); build log:\n" + log, e);
    }
    programs.put(key, p);
    return p;
  }

  /** A new kernel object (not thread-safe: one per computation), released by the caller. */
  public cl_kernel kernel(cl_program program, String name) {
    return CL.clCreateKernel(program, name, null);
  }

  private String buildLog(cl_program p) {
    long[] size = new long[1];
    CL.clGetProgramBuildInfo(p, device.id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
    byte[] log = new byte[(int) size[0]];
    CL.clGetProgramBuildInfo(p, device.id(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log),
        null);
    return new String(log, StandardCharsets.UTF_8).trim();
  }

  @Override
  public synchronized void close() {
    for (cl_program p : programs.values()) {
      CL.clReleaseProgram(p);
    }
    programs.clear();
    CL.clReleaseCommandQueue(queue);
    CL.clReleaseContext(context);
  }
}
