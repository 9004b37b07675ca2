package org.ntk4j.backend.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.ntk4j.Precision;
import org.ntk4j.kernel.program.CTypes;
import org.ntk4j.kernel.program.ProgramSource;

/**
 * Assembles the OpenCL programs from the top-level {@code opencl/} sources: for one
 * (architecture, precision), type definitions and blocking constants, the dialect header, the
 * shared expectations header, the generated per-pair program and the tile kernels
 * ({@code ntk_tile.cl}, and {@code ntk_tile_cpu.cl} on CPUs); for linear algebra, the kernels of
 * {@code ntk_linalg.cl} in one precision.
 */
final class OpenClKernelSource {
  /**
   * Work geometry. GPUs ({@code ntk_tile}): BLK × BLK work-items, each computing WPT × WPT
   * outputs from TK-deep local-memory panels. CPUs ({@code ntk_tile_cpu}): each work-item
   * computes CPU_ROWS × cpuCols() outputs in registers, in work-groups of CPU_GROUP_X ×
   * CPU_GROUP_Y work-items (their 4 column blocks, 400 KB of panels at d = 784, stay in a
   * Skylake core's 1 MiB L2 while the group's rows pass over them). {@code panel}: the width
   * of the CPU kernel's packed input panels and vector registers, 16 for float sums (a 512-bit
   * register), else 8.
   */
  record Blocking(boolean cpu, int blk, int wpt, int tk, int panel) {
    static final int CPU_ROWS = 8;
    static final int CPU_GROUP_X = 4;
    static final int CPU_GROUP_Y = 8;

    /** Columns per CPU work-item: two panels. */
    int cpuCols() {
      return 2 * panel;
    }

    /** Tile edges are multiples of this. */
    int tileStep() {
      return cpu ? 64 : blk * wpt;
    }

    /**
     * The largest tile edge worth using: on CPUs, 512 keeps the pipeline's host-side storing
     * overlapped with many device tiles (2048 measured about 10% slower on the reference job).
     */
    int maxTileEdge() {
      return cpu ? 512 : Integer.MAX_VALUE;
    }

    String kernelName() {
      return cpu ? "ntk_tile_cpu" : "ntk_tile";
    }

    String diagonalKernelName() {
      return cpu ? "ntk_diagonal_cpu" : "ntk_diagonal";
    }
  }

  private OpenClKernelSource() {}

  /** Blocking for a device: the local-memory kernel on GPUs, the cache-based one on CPUs. */
  static Blocking blockingFor(OpenClDevice device, OpenClSettings.TileKernel kernel,
      boolean floatSums) {
    boolean vector = kernel == OpenClSettings.TileKernel.AUTO ? !device.isGpu()
        : kernel == OpenClSettings.TileKernel.VECTOR;
    if (vector) {
      return new Blocking(true, 8, 4, 16, floatSums ? 16 : 8);
    }
    return new Blocking(false, device.maxWorkGroupSize() >= 256 ? 16 : 8, 4, 16, 8);
  }

  static String tileProgram(ProgramSource program, Precision precision,
      boolean accumulateInDouble, Blocking blocking) {
    String real = CTypes.cType(precision);
    String acc = accumulateInDouble ? "double" : real;
    boolean fp64 = precision == Precision.FLOAT64 || accumulateInDouble;
    StringBuilder s = new StringBuilder();
    // No fused multiply-add but the explicit fma() chains of the Gram sums and row norms: a
    // contraction in one and not the other would make q11·q22 − q12² nonzero for an input with
    // itself (θ ≈ 1e-8 instead of 0).
    s.append("#pragma OPENCL FP_CONTRACT OFF\n");
    if (fp64) {
      s.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
    }
    s.append("typedef ").append(real).append(" REAL;\n");
    s.append("typedef ").append(real).append("8 REAL8;\n");
    s.append("typedef ").append(real).append(" STORE;\n");
    s.append("typedef ").append(acc).append(" ACC;\n");
    s.append("typedef ").append(acc).append("8 ACC8;\n");
    s.append("#define CONVERT_ACC8 convert_").append(acc).append("8\n");
    s.append("#define CONVERT_REAL8 convert_").append(real).append("8\n");
    s.append("#define CONVERT_STORE8 convert_").append(real).append("8\n");
    s.append("#define BLK ").append(blocking.blk()).append('\n');
    s.append("#define WPT ").append(blocking.wpt()).append('\n');
    s.append("#define TK ").append(blocking.tk()).append('\n');
    s.append("#define PANEL ").append(blocking.panel()).append('\n');
    s.append("typedef ").append(acc).append(blocking.panel()).append(" ACCP;\n");
    s.append("#define CONVERT_ACCP convert_").append(acc).append(blocking.panel()).append('\n');
    s.append("#define VLOADP vload").append(blocking.panel()).append('\n');
    s.append(resource("ntk_dialect.h"));
    // The scalar copy of the expectations and the program: ntk_diag, ntk_pair.
    s.append("#define NTK_FN static inline\n");
    s.append("#define NTK_NAME(x) ntk_##x\n");
    s.append("#define NTK_CONSTANT __constant\n");
    s.append("#define NTK_SCALAR ").append(real).append('\n');
    s.append("#define NTK_LOAD(p) (*(p))\n");
    s.append("#define NTK_LOADV(p) (*(p))\n");
    s.append("#define NTK_STOREV(p, v) (*(p) = (v))\n");
    String expectations = resource("ntk_expectations.h");
    String preamble = program.preamble();
    String generated = program.generate();
    s.append(preamble).append(expectations).append('\n').append(generated).append('\n');
    if (blocking.cpu()) {
      // The 8-wide copy (ntkv_diag, ntkv_pair): lanes are 8 inputs, or 8 columns of one row.
      s.append("#undef NTK_EXPECTATIONS_H\n#undef NTK_NAME\n#define NTK_NAME(x) ntkv_##x\n");
      s.append("#define REAL REAL8\n");
      s.append("#undef NTK_LOAD\n#undef NTK_LOADV\n#undef NTK_STOREV\n");
      s.append("#define NTK_LOAD(p) ((REAL8)(*(p)))\n");
      s.append("#define NTK_LOADV(p) vload8(0, p)\n");
      s.append("#define NTK_STOREV(p, v) vstore8(v, 0, p)\n");
      s.append("#undef NTK_ANY\n#define NTK_ANY(c) any(c)\n");
      s.append(preamble).append(expectations).append('\n').append(generated).append('\n');
      s.append("#undef REAL\n#undef NTK_ANY\n#undef NTK_NAME\n#define NTK_NAME(x) ntk_##x\n");
    }
    s.append(resource("ntk_tile.cl"));
    if (blocking.cpu()) {
      s.append(resource("ntk_tile_cpu.cl"));
    }
    return s.toString();
  }

  /**
   * The linear-algebra kernels (ntk_linalg.cl) with REAL = {@code precision} and panels of
   * {@code panel} rows.
   */
  static String linearAlgebraProgram(Precision precision, int panel) {
    return (precision == Precision.FLOAT64 ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n"
        : "") + "typedef " + CTypes.cType(precision) + " REAL;\n#define NB " + panel + "\n"
        + resource("ntk_dialect.h") + resource("ntk_linalg.cl");
  }

  /** A file of the top-level {@code opencl/} folder, packaged under org/ntk4j/opencl/. */
  static String resource(String name) {
    String path = "/org/ntk4j/opencl/" + name;
    try (InputStream in = OpenClKernelSource.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new OpenClException("the kernel source " + path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }
}
