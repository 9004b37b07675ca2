package org.ntk4j.backend.device;

import java.util.OptionalInt;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.tile.FiniteTileSink;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TilePipeline;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileSinks;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.Matrix;

/**
 * Kernels on a device, for every backend: the architecture's program runs inside the fused
 * tile kernel of opencl/ntk_tile.cl (Gram block + layer recursion), over double-buffered tiles
 * sized to the device's memory; each input's variances are computed once, by the diagonal
 * kernel, into tables the tiles read; a symmetric request computes only the tiles on and above
 * the diagonal. When the device runs out of memory the tiles shrink to half and the run starts
 * over, unless the sink needs its edge (a resumed file). Diagonals and tiles are finite or
 * refused ({@link FiniteTileSink}) before any tile is stored. A backend subclasses it with its
 * runtime and its build of the kernels ({@link TileKernels}).
 */
public abstract class DeviceKernelBackend implements TiledKernelBackend {
  private final String name;
  private final DeviceRuntime runtime;
  private final Precision precision;
  private TileLaunchHook launchHook = TileLaunchHook.NONE;

  /**
   * The backend {@code name} computing on {@code runtime} (closed with this backend) in
   * {@code precision}.
   */
  protected DeviceKernelBackend(String name, DeviceRuntime runtime, Precision precision) {
    this.name = name;
    this.runtime = runtime;
    this.precision = precision;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The kernels for {@code program}, built for this backend's precision. */
  protected abstract TileKernels tileKernels(KernelProgram program);

  /** The precision inputs, tiles and diagonals are stored in. */
  public final Precision precision() {
    return precision;
  }

  /** For tests: runs before each tile's launch. */
  protected final void beforeEachTile(TileLaunchHook hook) {
    this.launchHook = hook;
  }

  /**
   * Row length of the variance tables (STRIDE in ntk_tile.cl): n rounded up to 16, for the CPU
   * kernel's 16-wide loads.
   */
  static int stride(int n) {
    return (n + 15) / 16 * 16;
  }

  @Override
  public synchronized Kernels computeInto(KernelRequest request, TileSink sink,
      ProgressListener progress) {
    KernelProgram program = KernelProgram.compile(request.architecture(), request.inputWidth());
    boolean symmetric = request.isSymmetric();
    try (TileKernels kernels = tileKernels(program);
        Side left = new Side(request.x1(), "X1", kernels, program);
        Side right = symmetric ? null : new Side(request.right(), "X2", kernels, program)) {
      Side other = symmetric ? left : right;
      FiniteTileSink.requireDiagonals(request, precision,
          new double[][] {left.nngpDiagonal, left.ntkDiagonal},
          new double[][] {other.nngpDiagonal, other.ntkDiagonal});
      runTiles(kernels, request, left, other, FiniteTileSink.of(request, precision, sink),
          progress);
      boolean ntk = request.ntk();
      return new Kernels(null, null, left.nngpDiagonal, ntk ? left.ntkDiagonal : null,
          other.nngpDiagonal, ntk ? other.ntkDiagonal : null);
    }
  }

  /**
   * One side of the request on the device: its rows (and the tile kernel's layout of them), its
   * variances q = ‖x‖²/d and their tables before each nonlinearity, and its kernels with itself.
   */
  private final class Side implements AutoCloseable {
    final int n;
    final DeviceMatrix rows;
    final DeviceBuffer tileInput;
    final DeviceBuffer variances;
    final DeviceBuffer tables;
    final double[] nngpDiagonal;
    final double[] ntkDiagonal;

    Side(Matrix x, String name, TileKernels kernels, KernelProgram program) {
      n = x.rows();
      int d = x.cols();
      requireBuffer((long) n * d * precision.bytes(), name + " (" + x.shape() + ")");
      rows = DeviceMatrix.upload(runtime, x, precision, name);
      DeviceBuffer q = null;
      DeviceBuffer v = null;
      try {
        q = runtime.allocate((long) stride(n) * precision.bytes(), "variances");
        v = runtime.allocate((long) program.variancePoints() * stride(n) * precision.bytes(),
            "variance tables");
        tileInput = kernels.tileInput(x, rows, name);
        runtime.launch(kernels.norms(), Grid.independent(n), new KernelArgs()
            .buffer(rows.buffer()).int32(n).int32(d).real(kernels.accumulation(), 1.0 / d)
            .buffer(q));
        try (DeviceBuffer nngp = runtime.allocate((long) n * precision.bytes(), "diagonals");
            DeviceBuffer ntk = runtime.allocate((long) n * precision.bytes(), "diagonals")) {
          runtime.launch(kernels.diagonal(), kernels.diagonalGrid(n), new KernelArgs()
              .buffer(q).int32(n).buffer(nngp).buffer(ntk).buffer(v).int32(stride(n))
              .append(kernels.programArguments()));
          nngpDiagonal = nngp.readReals(n, precision);
          ntkDiagonal = ntk.readReals(n, precision);
        }
      } catch (RuntimeException e) {
        release(rows, q, v);
        throw e;
      }
      variances = q;
      tables = v;
    }

    @Override
    public void close() {
      release(rows, variances, tables);
    }

    private static void release(DeviceMatrix rows, DeviceBuffer q, DeviceBuffer v) {
      rows.close();
      if (q != null) {
        q.close();
      }
      if (v != null) {
        v.close();
      }
    }
  }

  private void requireBuffer(long bytes, String what) {
    long max = runtime.memory().largestBuffer();
    if (bytes > max) {
      throw new InvalidInputException(what + " needs " + (bytes >> 20) + " MiB but "
          + runtime.deviceName() + " allows buffers of " + (max >> 20)
          + " MiB: use --precision float32 or fewer features");
    }
  }

  /** ntk_tile on one tile into one slot's outputs, in the order of its C parameters. */
  private static DeviceTileEngine.Launcher tileLauncher(TileKernels kernels,
      KernelRequest request, Side left, Side right) {
    int d = request.inputWidth();
    boolean symmetric = request.isSymmetric();
    return (queue, tile, nngp, ntk) -> queue.launch(kernels.tile(),
        kernels.tileGrid(tile.rows(), tile.cols()), new KernelArgs()
            .buffer(left.tileInput).buffer(right.tileInput).int32(left.n).int32(right.n)
            .int32(d).int32(tile.r0()).int32(tile.c0()).int32(tile.rows()).int32(tile.cols())
            .buffer(left.tables).buffer(right.tables).flag(symmetric)
            .real(kernels.accumulation(), 1.0 / d).buffer(nngp).buffer(ntk)
            .append(kernels.programArguments()));
  }

  /** Runs every tile into the sink, shrinking the tiles when the device runs out of memory. */
  private void runTiles(TileKernels kernels, KernelRequest request, Side left, Side right,
      TileSink sink, ProgressListener progress) {
    DeviceTileEngine.Launcher launcher = tileLauncher(kernels, request, left, right);
    int step = kernels.tileStep();
    OptionalInt required = TileSinks.requireEdgeAlignment(sink.requiredEdge(),
        kernels.tileAlignment());
    int edge = required.isPresent() ? required.getAsInt() : initialEdge(left.n, right.n, kernels);
    while (true) {
      try (DeviceTileEngine engine = openEngine(launcher, edge, request)) {
        TilePipeline.run(new TileGrid(left.n, right.n, edge, request.isSymmetric()), engine,
            sink, progress);
        return;
      } catch (DeviceOutOfMemoryException e) {
        if (required.isPresent() || edge <= step) {
          throw e;
        }
      }
      edge = Math.max(step, roundUp(edge / 2, step));
    }
  }

  /** Two slots of edge² tiles, device and host. */
  private DeviceTileEngine openEngine(DeviceTileEngine.Launcher launcher, int edge,
      KernelRequest request) {
    try {
      return new DeviceTileEngine(runtime, launcher, precision, edge, request.nngp(),
          request.ntk(), launchHook);
    } catch (OutOfMemoryError e) {
      throw new DeviceOutOfMemoryException("cannot allocate " + edge + "x" + edge
          + " host tile buffers: raise -XX:MaxDirectMemorySize or -Xmx", e);
    }
  }

  /**
   * The largest edge (a multiple of the kernels' step, at most their maximum) whose four tile
   * buffers fit in a quarter of the device's memory, each within the largest buffer.
   */
  private int initialEdge(int n1, int n2, TileKernels kernels) {
    int step = kernels.tileStep();
    long perEntry = precision.bytes();
    DeviceMemory memory = runtime.memory();
    long budget = Math.min(Math.min(memory.largestBuffer(), Integer.MAX_VALUE),
        memory.available() / 16);
    int edge = roundUp(Math.max(n1, n2), step);
    while (edge > step && (long) edge * edge * perEntry > budget) {
      edge = Math.max(step, roundUp(edge / 2, step));
    }
    // A cap below the step (tests use small tiles) still keeps the kernel's alignment.
    int align = kernels.tileAlignment();
    return Math.min(edge, Math.max(align, kernels.maxTileEdge() / align * align));
  }

  private static int roundUp(int v, int step) {
    return (v + step - 1) / step * step;
  }

  @Override
  public synchronized void close() {
    runtime.close();
  }
}
