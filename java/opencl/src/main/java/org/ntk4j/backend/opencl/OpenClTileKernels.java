package org.ntk4j.backend.opencl;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceBuffer;
import org.ntk4j.backend.device.DeviceMatrix;
import org.ntk4j.backend.device.Grid;
import org.ntk4j.backend.device.Kernel;
import org.ntk4j.backend.device.KernelArgs;
import org.ntk4j.backend.device.TileKernels;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.program.ProgramSource;
import org.ntk4j.linalg.Matrix;

/**
 * The tile kernels of one job on OpenCL: the architecture's program generated into the source
 * (so the kernels need no program arguments) and built for the device's blocking, the
 * local-memory kernel on GPUs, the vector kernel of ntk_tile_cpu.cl, which reads both sides
 * packed in panels, on CPUs.
 */
final class OpenClTileKernels implements TileKernels {
  private final OpenClKernelSource.Blocking blocking;
  private final OpenClContext context;
  private final OpenClSettings settings;
  private final OpenClProgram program;
  private final List<DeviceMatrix> packed = new ArrayList<>();

  OpenClTileKernels(OpenClContext context, OpenClSettings settings, KernelProgram program) {
    this.context = context;
    this.settings = settings;
    Precision precision = settings.precision();
    this.blocking = OpenClKernelSource.blockingFor(context.device(), settings,
        precision == Precision.FLOAT32 && !settings.accumulateInDouble());
    this.program = context.program(OpenClKernelSource.tileProgram(
        new ProgramSource(program, precision), precision, settings.accumulateInDouble(),
        blocking), "");
  }

  @Override
  public Kernel norms() {
    return program.kernel("ntk_norms");
  }

  @Override
  public Kernel diagonal() {
    return program.kernel(blocking.diagonalKernelName());
  }

  @Override
  public Kernel tile() {
    return program.kernel(blocking.kernelName());
  }

  /** The CPU kernel runs as many inputs per work-item as its vectors have lanes. */
  @Override
  public Grid diagonalGrid(int n) {
    return Grid.independent(ceilDiv(n, blocking.diagonalLanes()));
  }

  @Override
  public Grid tileGrid(int rows, int cols) {
    if (blocking.cpu()) {
      return Grid.covering(ceilDiv(cols, blocking.cpuCols()), ceilDiv(rows, blocking.rows()),
          OpenClKernelSource.Blocking.CPU_GROUP_X, OpenClKernelSource.Blocking.CPU_GROUP_Y);
    }
    int step = blocking.tileStep();
    return Grid.groups(ceilDiv(cols, step), ceilDiv(rows, step), blocking.blk(),
        blocking.blk());
  }

  @Override
  public int tileStep() {
    return blocking.tileStep();
  }

  /** The CPU kernel reads whole packed panels; the GPU kernel any rows. */
  @Override
  public int tileAlignment() {
    return blocking.cpu() ? blocking.packedHeight() : 1;
  }

  @Override
  public int maxTileEdge() {
    return Math.min(settings.maxTileEdge(), blocking.maxTileEdge());
  }

  @Override
  public Precision accumulation() {
    return settings.needsFp64() ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  /** The CPU kernel reads X packed in k-major panels; the GPU kernel the rows as they are. */
  @Override
  public DeviceBuffer tileInput(Matrix x, DeviceMatrix rows, String name) {
    if (!blocking.cpu()) {
      return rows.buffer();
    }
    DeviceMatrix panels = DeviceMatrix.upload(context, packedPanels(x, blocking),
        settings.precision(), name + " in panels");
    packed.add(panels);
    return panels.buffer();
  }

  @Override
  public KernelArgs programArguments() {
    return new KernelArgs();
  }

  /**
   * X as the CPU kernel reads it, on either side: packed in panels of packedHeight() rows, with
   * zero rows past the end for a work-item at the last rows or columns (it starts there and
   * reads its whole block).
   */
  static Matrix packedPanels(Matrix x, OpenClKernelSource.Blocking blocking) {
    int block = Math.max(blocking.rows(), blocking.cpuCols());
    return packedPanels(x, blocking.packedHeight(), x.rows() + block);
  }

  /**
   * X in panels of {@code panel} rows, k-major: element (panel·p + r, k) at (p·d + k)·panel + r,
   * rows zero-padded to at least {@code rows}, a whole number of panels.
   */
  static Matrix packedPanels(Matrix x, int panel, int rows) {
    int n = x.rows();
    int d = x.cols();
    Matrix p = Matrix.zeros(ceilDiv(rows, panel), d * panel);
    double[] out = p.data();
    for (int i = 0; i < n; i++) {
      int base = (i / panel) * d * panel + i % panel;
      for (int k = 0; k < d; k++) {
        out[base + k * panel] = x.get(i, k);
      }
    }
    return p;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public void close() {
    for (DeviceMatrix p : packed) {
      p.close();
    }
  }
}
