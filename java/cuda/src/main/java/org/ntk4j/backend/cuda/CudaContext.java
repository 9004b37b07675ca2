package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * The device runtime on one GPU: its primary context with the ntk4j PTX modules loaded on
 * demand (the driver JIT-compiles PTX for this GPU on first load and caches the result on
 * disk); the runtime's own queue is the default stream. Every driver call is made with the
 * context current on the calling thread ({@link #use()}).
 */
final class CudaContext implements DeviceRuntime {
  /** The largest grid along y and z (x allows 2³¹ − 1). */
  private static final long MAX_GRID_YZ = 65535;

  private final CudaDeviceInfo info;
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final Map<String, CUmodule> modules = new HashMap<>();
  private final Map<String, CudaKernel> kernels = new HashMap<>();
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
  synchronized CudaKernel kernel(String module, String name) {
    String key = module + "/" + name;
    CudaKernel k = kernels.get(key);
    if (k == null) {
      use();
      CUfunction f = new CUfunction();
      CudaCalls.check(JCudaDriver.cuModuleGetFunction(f, module(module), name),
          "finding kernel " + name + " in " + module + ".ptx");
      k = new CudaKernel(name, f);
      kernels.put(key, k);
    }
    return k;
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

  @Override
  public String deviceName() {
    return info.name();
  }

  /** What is free now; CUDA has no per-allocation limit below the memory itself. */
  @Override
  public DeviceMemory memory() {
    long[] free = {0};
    long[] total = {0};
    use();
    CudaCalls.check(JCudaDriver.cuMemGetInfo(free, total), "asking free GPU memory");
    return new DeviceMemory(total[0], free[0]);
  }

  @Override
  public CudaBuffer allocate(long bytes, String what) {
    return new CudaBuffer(this, bytes, what);
  }

  @Override
  public HostBuffer allocateHost(long bytes) {
    use();
    return new PinnedBuffer(bytes);
  }

  /** On the default stream. */
  @Override
  public void launch(Kernel kernel, Grid grid, KernelArgs args) {
    launch(kernel, grid, args, null);
  }

  @Override
  public DeviceQueue newQueue() {
    return new CudaStream(this);
  }

  /** Launches on {@code stream} (null: the default stream). */
  void launch(Kernel kernel, Grid grid, KernelArgs args, CUstream stream) {
    CudaKernel k = (CudaKernel) kernel;
    long[] groups = {1, 1, 1};
    int[] threads = {1, 1, 1};
    for (int d = 0; d < grid.dimensions(); d++) {
      groups[d] = grid.groups(d);
      threads[d] = grid.groupSize(d);
    }
    if (groups[0] > Integer.MAX_VALUE || groups[1] > MAX_GRID_YZ || groups[2] > MAX_GRID_YZ) {
      throw new DeviceException(k.name() + " needs a grid of " + groups[0] + " x " + groups[1]
          + " x " + groups[2] + " blocks, more than CUDA allows (2^31 - 1 x 65535 x 65535):"
          + " the problem is too large for this GPU");
    }
    use();
    CudaCalls.check(JCudaDriver.cuLaunchKernel(k.function(), (int) groups[0], (int) groups[1],
        (int) groups[2], threads[0], threads[1], threads[2], 0, stream,
        Pointer.to(arguments(args)), null), "launching " + k.name());
  }

  /** Each argument as the driver takes it: a pointer to its value. */
  private static NativePointerObject[] arguments(KernelArgs args) {
    List<NativePointerObject> out = new ArrayList<>(args.size());
    args.passTo(new KernelArgs.Sink() {
      @Override
      public void buffer(DeviceBuffer buffer) {
        out.add(Pointer.to(((CudaBuffer) buffer).pointer()));
      }

      @Override
      public void int32(int value) {
        out.add(Pointer.to(new int[] {value}));
      }

      @Override
      public void int64(long value) {
        out.add(Pointer.to(new long[] {value}));
      }

      @Override
      public void float64(double value) {
        out.add(Pointer.to(new double[] {value}));
      }

      @Override
      public void float32(float value) {
        out.add(Pointer.to(new float[] {value}));
      }
    });
    return out.toArray(new NativePointerObject[0]);
  }

  /** Waits for every launch and copy on this context. */
  void synchronize() {
    use();
    CudaCalls.check(JCudaDriver.cuCtxSynchronize(), "waiting for the GPU");
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
