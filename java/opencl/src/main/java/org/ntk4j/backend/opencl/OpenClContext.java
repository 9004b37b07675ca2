package org.ntk4j.backend.opencl;

import static org.jocl.CL.CL_BUILD_PROGRAM_FAILURE;
import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.jocl.cl_event;
import org.jocl.cl_program;
import org.ntk4j.backend.device.DeviceBuffer;
import org.ntk4j.backend.device.DeviceException;
import org.ntk4j.backend.device.DeviceMemory;
import org.ntk4j.backend.device.DeviceQueue;
import org.ntk4j.backend.device.DeviceRuntime;
import org.ntk4j.backend.device.Grid;
import org.ntk4j.backend.device.HostBuffer;
import org.ntk4j.backend.device.Kernel;
import org.ntk4j.backend.device.KernelArgs;

/**
 * The device runtime on one OpenCL device: a context and one in-order command queue (further
 * queues are views of it that wait for their own work only), with a cache of built programs
 * (keyed by source and options; PoCL also caches binaries on disk). Everything is released on
 * close.
 */
public final class OpenClContext implements DeviceRuntime {
  private final OpenClDevice device;
  private final cl_context context;
  private final cl_command_queue queue;
  private final Map<String, OpenClProgram> programs = new HashMap<>();

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

  DeviceException failure(CLException e, String what) {
    return OpenClErrors.translate(e, what, device);
  }

  @Override
  public String deviceName() {
    return device.name();
  }

  @Override
  public DeviceMemory memory() {
    return new DeviceMemory(device.maxAllocBytes(), device.globalMemBytes());
  }

  @Override
  public DeviceBuffer allocate(long bytes, String what) {
    try {
      return new OpenClBuffer(this, CL.clCreateBuffer(context, CL_MEM_READ_WRITE,
          Math.max(1, bytes), null, null), bytes);
    } catch (CLException e) {
      throw failure(e, "allocating " + bytes + " bytes for " + what);
    }
  }

  /** Direct memory: OpenCL copies into it without an intermediate buffer. */
  @Override
  public HostBuffer allocateHost(long bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(1, bytes)))
        .order(ByteOrder.nativeOrder());
    return new HostBuffer() {
      @Override
      public ByteBuffer bytes() {
        return b.duplicate().order(ByteOrder.nativeOrder());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void launch(Kernel kernel, Grid grid, KernelArgs args) {
    enqueue(kernel, grid, args, null);
  }

  /** Sets the kernel's arguments and enqueues it; {@code done} (if not null) gets its event. */
  void enqueue(Kernel kernel, Grid grid, KernelArgs args, cl_event done) {
    OpenClKernel k = (OpenClKernel) kernel;
    int dims = grid.dimensions();
    long[] global = new long[dims];
    long[] local = new long[dims];
    for (int d = 0; d < dims; d++) {
      global[d] = grid.items(d);
      local[d] = grid.groupSize(d);
    }
    try {
      synchronized (k) {
        k.setArguments(args);
        CL.clEnqueueNDRangeKernel(queue, k.handle(), dims, null, global,
            grid.runtimeGroups() ? null : local, 0, null, done);
      }
    } catch (CLException e) {
      throw failure(e, "launching " + k.name());
    }
  }

  @Override
  public DeviceQueue newQueue() {
    return new OpenClQueue(this);
  }

  /**
   * The program built from {@code source} (cached). Warnings are off ({@code -w}): PoCL's
   * compiler prints "N warnings generated." straight to the process's stderr otherwise. With
   * NTK4J_DEBUG set they are on, and the build log goes to stderr.
   *
   * @throws OpenClException with the build log when the device compiler rejects it
   */
  synchronized OpenClProgram program(String source, String options) {
    String key = options + "\n" + source;
    OpenClProgram cachedProgram = programs.get(key);
    if (cachedProgram != null) {
      return cachedProgram;
    }
    boolean debug = System.getenv("NTK4J_DEBUG") != null;
    cl_program p = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
    try {
      // The compiler (LLVM in PoCL) may install its signal handlers here too.
      JvmSignalHandlers.preserving(() -> CL.clBuildProgram(p, 1, new cl_device_id[] {device.id()},
          debug ? options : (options + " -w").strip(), null, null));
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
    if (debug) {
      System.err.println("ntk4j: debug: OpenCL build log on " + device.name() + ":\n"
          + buildLog(p));
    }
    OpenClProgram built = new OpenClProgram(this, p);
    programs.put(key, built);
    return built;
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
    for (OpenClProgram p : programs.values()) {
      p.release();
    }
    programs.clear();
    CL.clReleaseCommandQueue(queue);
    CL.clReleaseContext(context);
  }
}
