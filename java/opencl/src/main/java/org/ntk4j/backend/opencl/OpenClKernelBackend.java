package org.ntk4j.backend.opencl;

import static org.jocl.CL.CL_INVALID_BUFFER_SIZE;
import static org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
import static org.jocl.CL.CL_OUT_OF_HOST_MEMORY;
import static org.jocl.CL.CL_OUT_OF_RESOURCES;

import java.util.OptionalInt;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.program.CTypes;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.program.ProgramSource;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TilePipeline;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * Kernels on an OpenCL device: the architecture becomes one generated, fused kernel (Gram block
 * + layer recursion), run over double-buffered tiles sized to the device's memory; a symmetric
 * request computes only the tiles on and above the diagonal.
 */
public final class OpenClKernelBackend implements TiledKernelBackend {
  private final OpenClSettings settings;
  private final OpenClContext context;
  private OpenClTileEngine.LaunchHook launchHook = OpenClTileEngine.LaunchHook.NONE;

  /** Opens the device named by {@code settings}. @throws OpenClException if it cannot be used */
  public OpenClKernelBackend(OpenClSettings settings) {
    OpenClDevice device = OpenClPlatforms.probe().device(settings.device());
    if (settings.needsFp64() && !device.fp64()) {
      throw new InvalidInputException("OpenCL device " + device.index() + " (" + device.name()
          + ") has no float64 (cl_khr_fp64): use --precision float32 without double"
          + " accumulation, or another device");
    }
    this.settings = settings;
    this.context = new OpenClContext(device);
  }

  public OpenClKernelBackend() {
    this(OpenClSettings.defaults());
  }

  @Override
  public String name() {
    return "opencl";
  }

  public OpenClDevice device() {
    return context.device();
  }

  @Override
  public synchronized Kernels computeInto(KernelRequest request, TileSink sink,
      ProgressListener progress) {
    int d = request.inputWidth();
    KernelProgram program = KernelProgram.compile(request.architecture(), d);
    Precision precision = settings.precision();
    OpenClKernelSource.Blocking blocking = OpenClKernelSource.blockingFor(device(),
        settings.tileKernel(), precision == Precision.FLOAT32 && !settings.accumulateInDouble());
    ProgramSource generated = new ProgramSource(program, precision);
    String source = OpenClKernelSource.tileProgram(generated, precision,
        settings.accumulateInDouble(), blocking);
    int points = Math.max(1, generated.variancePoints());
    cl_program built = context.program(source, "");
    Matrix x1 = request.x1();
    Matrix x2 = request.right();
    int n1 = x1.rows();
    int n2 = x2.rows();
    boolean symmetric = request.isSymmetric();
    try (OpenClBuffer bx1 = upload(x1, "X1");
        OpenClBuffer bx2 = symmetric ? null : upload(x2, "X2");
        // The CPU kernel reads both sides packed in 8-row panels (ntk_tile_cpu.cl).
        OpenClBuffer px1 = blocking.cpu() ? upload(packedPanels(x1, blocking.panel()), "X1") : null;
        OpenClBuffer px2 = blocking.cpu() && !symmetric ? upload(packedPanels(x2, blocking.panel()), "X2") : null;
        // Per-input arrays are padded to a multiple of 8 (STRIDE in ntk_tile.cl).
        OpenClBuffer q1 = context.buffer((long) roundUp(n1, 8) * CTypes.bytes(precision));
        OpenClBuffer q2 = symmetric ? null
            : context.buffer((long) roundUp(n2, 8) * CTypes.bytes(precision));
        OpenClBuffer v1 = context.buffer((long) points * roundUp(n1, 8) * CTypes.bytes(precision));
        OpenClBuffer v2 = symmetric ? null
            : context.buffer((long) points * roundUp(n2, 8) * CTypes.bytes(precision))) {
      OpenClBuffer left = blocking.cpu() ? px1 : bx1;
      OpenClBuffer right = blocking.cpu() ? (symmetric ? px1 : px2) : symmetric ? bx1 : bx2;
      norms(built, bx1, n1, d, q1);
      if (!symmetric) {
        norms(built, bx2, n2, d, q2);
      }
      double[][] diag1 = diagonal(built, blocking, q1, n1, v1);
      double[][] diag2 = symmetric ? diag1 : diagonal(built, blocking, q2, n2, v2);

      cl_kernel kernel = context.kernel(built, blocking.kernelName());
      try {
        setMem(kernel, 0, left);
        setMem(kernel, 1, right);
        setInt(kernel, 2, n1);
        setInt(kernel, 3, n2);
        setInt(kernel, 4, d);
        setMem(kernel, 9, v1);
        setMem(kernel, 10, symmetric ? v1 : v2);
        setInt(kernel, 11, blocking.cpu() ? (symmetric ? 1 : 0) : d);
        setAcc(kernel, 12, 1.0 / d);
        runTiles(kernel, blocking, request, sink, progress);
      } finally {
        CL.clReleaseKernel(kernel);
      }
      boolean ntk = request.ntk();
      return new Kernels(null, null, diag1[0], ntk ? diag1[1] : null, diag2[0],
          ntk ? diag2[1] : null);
    }
  }

  /**
   * Runs every tile into the sink. When the device runs out of memory mid-run (devices may
   * allocate lazily, at the launch), the tiles shrink to half and the run starts over, unless
   * the sink needs its edge (a resumed file).
   */
  private void runTiles(cl_kernel kernel, OpenClKernelSource.Blocking blocking,
      KernelRequest request, TileSink sink, ProgressListener progress) {
    int n1 = request.x1().rows();
    int n2 = request.right().rows();
    OptionalInt required = sink.requiredEdge();
    int edge = required.isPresent() ? required.getAsInt() : initialEdge(n1, n2, blocking);
    while (true) {
      try (SizedEngine engine = openEngine(kernel, edge, blocking, required.isPresent(),
          request)) {
        edge = engine.edge;
        TileGrid grid = new TileGrid(n1, n2, edge, request.isSymmetric());
        TilePipeline.run(grid, engine.engine, sink, progress);
        return;
      } catch (OpenClException e) {
        if (required.isPresent() || edge <= blocking.tileStep()
            || !(e.getCause() instanceof CLException c && outOfMemory(c.getStatus()))) {
          throw e;
        }
      }
      edge = Math.max(blocking.tileStep(), roundUp(edge / 2, blocking.tileStep()));
    }
  }

  /** Test hook: runs before each tile's launch (throw a CLException to simulate a failure). */
  void launchHook(OpenClTileEngine.LaunchHook hook) {
    this.launchHook = hook;
  }

  /** An engine and the edge it got. */
  private record SizedEngine(OpenClTileEngine engine, int edge) implements AutoCloseable {
    @Override
    public void close() {
      engine.close();
    }
  }

  /** The largest edge (a multiple of the blocking step) that the device's limits allow. */
  private int initialEdge(int n1, int n2, OpenClKernelSource.Blocking blocking) {
    int step = blocking.tileStep();
    OpenClDevice dev = device();
    long budget = Math.min(dev.maxAllocBytes(), dev.globalMemBytes() / 8);
    long perEntry = CTypes.bytes(settings.precision());
    int edge = Math.min(Math.min(settings.maxTileEdge(), blocking.maxTileEdge()),
        Math.max(n1, n2));
    while ((long) edge * edge * perEntry > budget || (long) edge * edge * perEntry
        > Integer.MAX_VALUE) {
      edge /= 2;
    }
    return Math.max(step, roundUp(edge, step));
  }

  /** Allocates the tile slots, halving the edge while the device or host is out of memory. */
  private SizedEngine openEngine(cl_kernel kernel, int edge, OpenClKernelSource.Blocking blocking,
      boolean fixedEdge, KernelRequest request) {
    int e = edge;
    while (true) {
      try {
        return new SizedEngine(new OpenClTileEngine(context, kernel, settings.precision(), e,
            blocking, request.nngp(), request.ntk(), launchHook), e);
      } catch (CLException ex) {
        if (!outOfMemory(ex.getStatus()) || fixedEdge || e <= blocking.tileStep()) {
          throw new OpenClException("cannot allocate " + e + "x" + e + " kernel tiles on "
              + device().name() + " (" + CL.stringFor_errorCode(ex.getStatus()) + ")", ex);
        }
      } catch (OutOfMemoryError ex) {
        if (fixedEdge || e <= blocking.tileStep()) {
          throw new OpenClException("cannot allocate " + e + "x" + e
              + " host tile buffers: raise -XX:MaxDirectMemorySize or -Xmx", ex);
        }
      }
      e = Math.max(blocking.tileStep(), roundUp(e / 2, blocking.tileStep()));
    }
  }

  private static boolean outOfMemory(int status) {
    return status == CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL_OUT_OF_RESOURCES
        || status == CL_OUT_OF_HOST_MEMORY || status == CL_INVALID_BUFFER_SIZE;
  }

  /** Copies X to the device in the storage precision. */
  private OpenClBuffer upload(Matrix x, String name) {
    long bytes = (long) x.rows() * x.cols() * CTypes.bytes(settings.precision());
    if (bytes > device().maxAllocBytes()) {
      throw new InvalidInputException(name + " (" + x.shape() + ") needs " + (bytes >> 20)
          + " MiB but " + device().name() + " allows buffers of " + (device().maxAllocBytes() >> 20)
          + " MiB: use --precision float32 or fewer features");
    }
    OpenClBuffer b = context.buffer(bytes);
    Pointer data = settings.precision() == Precision.FLOAT64 ? Pointer.to(x.data())
        : Pointer.to(toFloats(x.data()));
    CL.clEnqueueWriteBuffer(context.queue(), b.mem(), true, 0, bytes, data, 0, null, null);
    return b;
  }

  /**
   * X in panels of {@code panel} rows, k-major: element (panel·p + r, k) at (p·d + k)·panel + r,
   * rows zero-padded to a multiple of two panels (the CPU kernel's blocks are two panels wide).
   */
  static Matrix packedPanels(Matrix x, int panel) {
    int n = x.rows();
    int d = x.cols();
    Matrix p = Matrix.zeros(roundUp(n, 2 * panel) / panel, d * panel);
    double[] out = p.data();
    for (int i = 0; i < n; i++) {
      int base = (i / panel) * d * panel + i % panel;
      for (int k = 0; k < d; k++) {
        out[base + k * panel] = x.get(i, k);
      }
    }
    return p;
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private void norms(cl_program built, OpenClBuffer x, int n, int d, OpenClBuffer q) {
    cl_kernel k = context.kernel(built, "ntk_norms");
    try {
      setMem(k, 0, x);
      setInt(k, 1, n);
      setInt(k, 2, d);
      setAcc(k, 3, 1.0 / d);
      setMem(k, 4, q);
      CL.clEnqueueNDRangeKernel(context.queue(), k, 1, null, new long[] {n}, null, 0, null,
          null);
    } finally {
      CL.clReleaseKernel(k);
    }
  }

  /**
   * {nngp diagonal, ntk diagonal} of the inputs whose variances are in {@code q}; fills
   * {@code vars} with their variances before each nonlinearity.
   */
  private double[][] diagonal(cl_program built, OpenClKernelSource.Blocking blocking,
      OpenClBuffer q, int n, OpenClBuffer vars) {
    Precision p = settings.precision();
    cl_kernel k = context.kernel(built, blocking.diagonalKernelName());
    try (OpenClBuffer nngp = context.buffer((long) n * CTypes.bytes(p));
        OpenClBuffer ntk = context.buffer((long) n * CTypes.bytes(p))) {
      setMem(k, 0, q);
      setInt(k, 1, n);
      setMem(k, 2, nngp);
      setMem(k, 3, ntk);
      setMem(k, 4, vars);
      setInt(k, 5, roundUp(n, 8));
      long items = blocking.cpu() ? (n + 7) / 8 : n;
      CL.clEnqueueNDRangeKernel(context.queue(), k, 1, null, new long[] {items}, null, 0, null,
          null);
      return new double[][] {read(nngp, n), read(ntk, n)};
    } finally {
      CL.clReleaseKernel(k);
    }
  }

  private double[] read(OpenClBuffer b, int n) {
    if (settings.precision() == Precision.FLOAT64) {
      double[] out = new double[n];
      CL.clEnqueueReadBuffer(context.queue(), b.mem(), true, 0, (long) n * Sizeof.cl_double,
          Pointer.to(out), 0, null, null);
      return out;
    }
    float[] f = new float[n];
    CL.clEnqueueReadBuffer(context.queue(), b.mem(), true, 0, (long) n * Sizeof.cl_float,
        Pointer.to(f), 0, null, null);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = f[i];
    }
    return out;
  }

  private static void setMem(cl_kernel k, int index, OpenClBuffer b) {
    CL.clSetKernelArg(k, index, Sizeof.cl_mem, Pointer.to(b.mem()));
  }

  private static void setInt(cl_kernel k, int index, int v) {
    CL.clSetKernelArg(k, index, Sizeof.cl_int, Pointer.to(new int[] {v}));
  }

  /** Sets an ACC-typed argument: double when float64 is used for sums, else float. */
  private void setAcc(cl_kernel k, int index, double v) {
    if (settings.precision() == Precision.FLOAT64 || settings.accumulateInDouble()) {
      CL.clSetKernelArg(k, index, Sizeof.cl_double, Pointer.to(new double[] {v}));
    } else {
      CL.clSetKernelArg(k, index, Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
    }
  }

  private static int roundUp(int v, int step) {
    return (v + step - 1) / step * step;
  }

  /**
   * Linear algebra on this backend's device, in float64 whatever the kernels' precision where
   * the device has it (NTK solves are ill-conditioned, docs/MATH.md §5); close it before the
   * backend.
   */
  @Override
  public LinearAlgebra linearAlgebra() {
    return new OpenClLinearAlgebra(context, false,
        device().fp64() ? Precision.FLOAT64 : Precision.FLOAT32);
  }

  @Override
  public void close() {
    context.close();
  }
}
