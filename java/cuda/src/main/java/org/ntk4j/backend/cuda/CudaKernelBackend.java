package org.ntk4j.backend.cuda;

import java.util.OptionalInt;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import org.ntk4j.Precision;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TilePipeline;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * Kernels on one NVIDIA GPU: the architecture's program runs inside the fused tile kernel of
 * cuda/ntk_tile.cu (Gram block + layer recursion), over double-buffered tiles sized to the
 * GPU's free memory, through the same tile pipeline and sinks as the OpenCL backend; a
 * symmetric request computes only the tiles on and above the diagonal.
 */
public final class CudaKernelBackend implements TiledKernelBackend {
  /** Largest tile edge: 4 tile buffers of 4096² float64 are 512 MiB of GPU and pinned memory. */
  static final int MAX_EDGE = 4096;
  private static final int THREADS = 256;

  private final CudaContext context;
  private final Precision precision;
  private final int maxEdge;

  /** Opens GPU {@code device} computing in {@code precision}. */
  public CudaKernelBackend(int device, Precision precision) {
    this(device, precision, MAX_EDGE);
  }

  /** The same with tiles of at most {@code maxEdge} rows and columns (tests use small ones). */
  CudaKernelBackend(int device, Precision precision, int maxEdge) {
    this.context = new CudaContext(device);
    this.precision = precision;
    this.maxEdge = maxEdge;
  }

  @Override
  public String name() {
    return "cuda";
  }

  public CudaDeviceInfo device() {
    return context.info();
  }

  /**
   * The GPU's linear algebra on this backend's context, in float64 whatever the kernels'
   * precision: kernel matrices are ill-conditioned and solves need it (docs/MATH.md §5). It
   * does not close the context; close it before this backend.
   */
  @Override
  public LinearAlgebra linearAlgebra() {
    return new CudaLinearAlgebra(context, false, Precision.FLOAT64);
  }

  @Override
  public synchronized Kernels computeInto(KernelRequest request, TileSink sink,
      ProgressListener progress) {
    int d = request.inputWidth();
    ProgramCode program = ProgramCode.encode(KernelProgram.compile(request.architecture(), d));
    context.use();
    boolean symmetric = request.isSymmetric();
    Matrix x1 = request.x1();
    Matrix x2 = request.right();
    String p = Suffix.of(precision);
    try (DeviceMatrix dx1 = DeviceMatrix.upload(x1, precision, "X1");
        DeviceMatrix dx2 = symmetric ? null : DeviceMatrix.upload(x2, precision, "X2");
        DeviceBuffer q1 = new DeviceBuffer((long) x1.rows() * DeviceMatrix.bytes(precision), "variances");
        DeviceBuffer q2 = symmetric ? null
            : new DeviceBuffer((long) x2.rows() * DeviceMatrix.bytes(precision), "variances");
        DeviceBuffer code = new DeviceBuffer(4L * program.code().length, "the program");
        DeviceBuffer constants = new DeviceBuffer(
            (long) program.constants().length * DeviceMatrix.bytes(precision), "the program's constants")) {
      code.upload(Pointer.to(program.code()), 4L * program.code().length);
      constants.upload(DeviceMatrix.host(program.constants(), precision),
          (long) program.constants().length * DeviceMatrix.bytes(precision));
      CudaTileEngine.Inputs in = new CudaTileEngine.Inputs(dx1, symmetric ? dx1 : dx2, q1,
          symmetric ? q1 : q2, d, code, program.code().length, constants, program.output());
      norms(dx1, q1, d);
      if (!symmetric) {
        norms(dx2, q2, d);
      }
      double[][] diag1 = diagonal(program, in, q1, x1.rows());
      double[][] diag2 = symmetric ? diag1 : diagonal(program, in, q2, x2.rows());
      context.synchronize();

      CUfunction kernel = context.function(CudaPtx.TILE,
          "ntk_tile_" + p + "_" + program.variant());
      OptionalInt required = sink.requiredEdge();
      try (SizedEngine sized = openEngine(kernel, in, required, x1.rows(), x2.rows(),
          request)) {
        TilePipeline.run(new TileGrid(x1.rows(), x2.rows(), sized.edge(), symmetric),
            sized.engine(), sink, progress);
      }
      boolean ntk = request.ntk();
      return new Kernels(null, null, diag1[0], ntk ? diag1[1] : null, diag2[0],
          ntk ? diag2[1] : null);
    }
  }

  /** An engine and the tile edge it got. */
  private record SizedEngine(CudaTileEngine engine, int edge) implements AutoCloseable {
    @Override
    public void close() {
      engine.close();
    }
  }

  /** Allocates the two tile slots, halving the edge while the GPU is out of memory. */
  private SizedEngine openEngine(CUfunction kernel, CudaTileEngine.Inputs in,
      OptionalInt required, int n1, int n2, KernelRequest request) {
    int e = required.isPresent() ? required.getAsInt() : initialEdge(n1, n2);
    while (true) {
      try {
        return new SizedEngine(new CudaTileEngine(context, kernel, precision, e, in,
            request.nngp(), request.ntk()), e);
      } catch (CudaOutOfMemoryException ex) {
        if (required.isPresent() || e <= CudaTileEngine.TILE_STEP) {
          throw ex;
        }
        e = Math.max(CudaTileEngine.TILE_STEP, roundUp(e / 2));
        e = Math.min(e, maxEdge);
      }
    }
  }

  /**
   * The largest edge (a multiple of 64, ≤ MAX_EDGE and the configured maximum) whose 4 tile
   * buffers fit in a quarter of the free GPU memory.
   */
  private int initialEdge(int n1, int n2) {
    long free = context.memory()[0];
    int e = roundUp(Math.min(MAX_EDGE, Math.max(n1, n2)));
    while (e > CudaTileEngine.TILE_STEP && 4L * e * e * DeviceMatrix.bytes(precision) > free / 4) {
      e = roundUp(e / 2);
    }
    return Math.min(e, maxEdge);
  }

  private static int roundUp(int v) {
    int s = CudaTileEngine.TILE_STEP;
    return (v + s - 1) / s * s;
  }

  private void norms(DeviceMatrix x, DeviceBuffer q, int d) {
    context.launch(context.function(CudaPtx.TILE, "ntk_norms_" + Suffix.of(precision)),
        new int[] {(x.rows + THREADS - 1) / THREADS, 1, 1}, new int[] {THREADS, 1, 1}, null,
        x.buffer.pointer(), x.rows, d, Suffix.real(precision, 1.0 / d), q.pointer());
  }

  /** {NNGP diagonal, NTK diagonal} of the n inputs whose variances are in {@code q}. */
  private double[][] diagonal(ProgramCode program, CudaTileEngine.Inputs in, DeviceBuffer q,
      int n) {
    try (DeviceMatrix nngp = new DeviceMatrix(1, n, precision, "diagonals");
        DeviceMatrix ntk = new DeviceMatrix(1, n, precision, "diagonals")) {
      context.launch(context.function(CudaPtx.TILE,
              "ntk_diagonal_" + Suffix.of(precision) + "_" + program.variant()),
          new int[] {(n + THREADS - 1) / THREADS, 1, 1}, new int[] {THREADS, 1, 1}, null,
          in.code().pointer(), in.codeLength(), in.constants().pointer(), in.output(),
          q.pointer(), n, nngp.buffer.pointer(), ntk.buffer.pointer());
      return new double[][] {nngp.download().data(), ntk.download().data()};
    }
  }

  @Override
  public synchronized void close() {
    context.close();
  }
}
