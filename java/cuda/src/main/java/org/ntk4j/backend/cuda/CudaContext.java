package org.ntk4j.backend.cuda;

import java.util.HashMap;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.ntk4j.InvalidInputException;

/**
 * One GPU's primary context with the ntk4j PTX modules loaded on demand (the driver JIT-compiles
 * PTX for this GPU on first load and caches the result on disk). All driver calls of the
 * backend go through a context made current on the calling thread by {@link #use()}.
 */
final class CudaContext implements AutoCloseable {
  private final CudaDeviceInfo info;
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final Map<String, CUmodule> modules = new HashMap<>();
  private final Map<String, CUfunction> functions = new HashMap<>();
  private boolean closed;

  /** Opens GPU {@code index} (the probe must have said CUDA is available). */
  CudaContext(int index) {
    CudaStatus status = CudaProbe.status();
    if (!status.available()) {
      throw new CudaException("CUDA cannot run here: " + String.join("; ", status.reasons()),
          0);
    }
    if (index >= status.devices().size()) {
      throw new InvalidInputException("GPU " + index + " does not exist: this machine has "
          + status.devices().size() + " (see `ntk4j devices`; --device counts from 0)");
    }
    info = status.devices().get(index);
    if (!info.supported()) {
      throw new InvalidInputException("GPU " + index + " is too old for ntk4j (needs"
          + " compute capability 7.5+): " + info.describe());
    }
    CudaCalls.check(JCudaDriver.cuDeviceGet(device, index), "opening GPU " + index);
    CudaCalls.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device),
        "creating a context on " + info.name());
    use();
  }

  CudaDeviceInfo info() {
    return info;
  }

  /** Makes this context current on the calling thread. */
  void use() {
    CudaCalls.check(JCudaDriver.cuCtxSetCurrent(context), "selecting the GPU context");
  }

  /** The kernel {@code name} of the PTX module {@code module} (CudaPtx constants). */
  synchronized CUfunction function(String module, String name) {
    String key = module + "/" + name;
    CUfunction f = functions.get(key);
    if (f == null) {
      f = new CUfunction();
      CudaCalls.check(JCudaDriver.cuModuleGetFunction(f, module(module), name),
          "finding kernel " + name + " in " + module + ".ptx");
      functions.put(key, f);
    }
    return f;
  }

  private CUmodule module(String name) {
    CUmodule m = modules.get(name);
    if (m == null) {
      String ptx = CudaPtx.read(name).orElseThrow(() -> new CudaException(
          name + ".ptx is not in the jar: rebuild ntk4j with nvcc on the PATH", 0));
      byte[] text = (ptx + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      m = new CUmodule();
      CudaCalls.check(JCudaDriver.cuModuleLoadData(m, text),
          "loading " + name + ".ptx (JIT compiling it for " + info.name() + ")");
      modules.put(name, m);
    }
    return m;
  }

  /** Launches a kernel on {@code stream} (null: the default stream) with the given arguments. */
  void launch(CUfunction f, int[] grid, int[] block, CUstream stream, Object... args) {
    CudaCalls.check(JCudaDriver.cuLaunchKernel(f, grid[0], grid[1], grid[2], block[0],
        block[1], block[2], 0, stream, Pointer.to(arguments(args)), null), "launching a kernel");
  }

  /** Kernel arguments: Integer, Long, Double, Float by value; device pointers as they are. */
  private static NativePointerObject[] arguments(Object... args) {
    NativePointerObject[] out = new NativePointerObject[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Integer v) {
        out[i] = Pointer.to(new int[] {v});
      } else if (a instanceof Long v) {
        out[i] = Pointer.to(new long[] {v});
      } else if (a instanceof Double v) {
        out[i] = Pointer.to(new double[] {v});
      } else if (a instanceof Float v) {
        out[i] = Pointer.to(new float[] {v});
      } else if (a instanceof NativePointerObject p) {
        out[i] = Pointer.to(p);
      } else {
        throw new IllegalArgumentException("unsupported kernel argument " + a);
      }
    }
    return out;
  }

  /** Waits for every launch and copy on this context. */
  void synchronize() {
    CudaCalls.check(JCudaDriver.cuCtxSynchronize(), "waiting for the GPU");
  }

  /** Free and total device memory now, in bytes. */
  long[] memory() {
    long[] free = {0};
    long[] total = {0};
    CudaCalls.check(JCudaDriver.cuMemGetInfo(free, total), "asking free GPU memory");
    return new long[] {free[0], total[0]};
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    use();
    for (CUmodule m : modules.values()) {
      JCudaDriver.cuModuleUnload(m);
    }
    JCudaDriver.cuDevicePrimaryCtxRelease(device);
  }
}
