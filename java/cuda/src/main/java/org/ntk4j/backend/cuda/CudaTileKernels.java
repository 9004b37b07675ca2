package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceBuffer;
import org.ntk4j.backend.device.DeviceMatrix;
import org.ntk4j.backend.device.Grid;
import org.ntk4j.backend.device.Kernel;
import org.ntk4j.backend.device.KernelArgs;
import org.ntk4j.backend.device.TileKernels;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.linalg.Matrix;

/**
 * The tile kernels of one job on the GPU: the prebuilt kernels of cuda/ntk_tile.cu for the
 * precision and the program's register sets, and the program encoded ({@link ProgramCode}) in
 * two device buffers that the kernels' interpreter reads.
 */
final class CudaTileKernels implements TileKernels {
  /** Outputs per thread block edge (TS in ntk_tile.cl) and threads per edge (BLK). */
  static final int TILE_STEP = 64;
  private static final int THREADS = 16;

  private final CudaContext context;
  private final Precision precision;
  private final int maxEdge;
  private final String suffix;
  private final ProgramCode program;
  private final DeviceBuffer code;
  private final DeviceBuffer constants;

  CudaTileKernels(CudaContext context, Precision precision, int maxEdge, KernelProgram program) {
    this.context = context;
    this.precision = precision;
    this.maxEdge = maxEdge;
    this.program = ProgramCode.encode(program);
    this.suffix = Suffix.of(precision) + "_" + this.program.variant();
    this.code = context.allocate((long) Integer.BYTES * this.program.code().length,
        "the program");
    try {
      code.writeInts(this.program.code());
      this.constants = context.allocate(
          (long) precision.bytes() * this.program.constants().length, "the program's constants");
      constants.writeReals(this.program.constants(), precision);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private Kernel kernel(String name) {
    return context.kernel(CudaPtx.TILE, name + "_" + suffix);
  }

  @Override
  public Kernel norms() {
    return kernel("ntk_norms");
  }

  @Override
  public Kernel diagonal() {
    return kernel("ntk_diagonal");
  }

  @Override
  public Kernel tile() {
    return kernel("ntk_tile");
  }

  @Override
  public Grid diagonalGrid(int n) {
    return Grid.independent(n);
  }

  @Override
  public Grid tileGrid(int rows, int cols) {
    return Grid.groups((cols + TILE_STEP - 1) / TILE_STEP, (rows + TILE_STEP - 1) / TILE_STEP,
        THREADS, THREADS);
  }

  @Override
  public int tileStep() {
    return TILE_STEP;
  }

  /** The tile kernel loads any rows (bounds-checked). */
  @Override
  public int tileAlignment() {
    return 1;
  }

  @Override
  public int maxTileEdge() {
    return maxEdge;
  }

  @Override
  public Precision accumulation() {
    return precision;
  }

  @Override
  public DeviceBuffer tileInput(Matrix x, DeviceMatrix rows, String name) {
    return rows.buffer();
  }

  /** NTK_PROGRAM_PARAMS of cuda/ntk_tile.cu: code, its length, constants, output set. */
  @Override
  public KernelArgs programArguments() {
    return new KernelArgs().buffer(code).int32(program.code().length).buffer(constants)
        .int32(program.output());
  }

  @Override
  public void close() {
    code.close();
    if (constants != null) {
      constants.close();
    }
  }
}
