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
   * computes {@code rows} × cpuCols() outputs in registers ({@code panels} vectors of
   * {@code panel} lanes per row, as {@link CpuVariant}), in work-groups of CPU_GROUP_X ×
   * CPU_GROUP_Y work-items (their 4 column blocks, at most 400 KB of panels at d = 784, stay in
   * a core's L2 while the group's rows pass over them); {@code lanes} is the width of the
   * recursion's vectors: a row block's two registers (at most 16, OpenCL's widest vector), so
   * that the long atan2 and division chains of one call have independent work beside them
   * (one register to two: 310 → 255 CPU ms for the depth-5 recursion at N = 4000 in float64
   * on AVX-512, 230 → 130 in float32; 490 → 320 in float64 for PoCL's Haswell code).
   */
  record Blocking(boolean cpu, int blk, int wpt, int tk, int panel, int rows, int panels,
      int lanes) {
    static final int CPU_GROUP_X = 4;
    static final int CPU_GROUP_Y = 8;

    /** The GPU kernel's blocking with BLK = {@code blk}. */
    static Blocking gpu(int blk) {
      return new Blocking(false, blk, 4, 16, 0, 0, 0, 0);
    }

    /** The CPU kernel's blocking for a variant, with float ({@code floatSums}) or double sums. */
    static Blocking cpu(CpuVariant variant, boolean floatSums) {
      int panel = variant.lanes(floatSums ? Float.BYTES : Double.BYTES);
      int lanes = Math.min(16, variant.panels() * panel);
      boolean chunked = lanes == panel || 2 * lanes == panel
          || (lanes == 2 * panel && variant.panels() % 2 == 0);
      if (!chunked) {
        throw new IllegalStateException(variant + ": recursion lanes " + lanes
            + " are not a half, one or two of its " + panel + "-lane panels");
      }
      return new Blocking(true, 8, 4, 16, panel, variant.rows(), variant.panels(), lanes);
    }

    /** Columns per CPU work-item. */
    int cpuCols() {
      return panels * panel;
    }

    /**
     * The height of the packed input panels, X1's and X2's alike: a work-item's rows lie in one
     * panel and each of its column vectors within one (rows and panel are powers of two).
     */
    int packedHeight() {
      return Math.max(panel, rows);
    }

    /** Tile edges are multiples of this (of every CPU row block and panel width as well). */
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

    /** Inputs per work-item of the diagonal kernel. */
    int diagonalLanes() {
      return cpu ? lanes : 1;
    }
  }

  private OpenClKernelSource() {}

  /**
   * Blocking for a device: the local-memory kernel on GPUs, the cache-based one on CPUs with
   * the register block of the settings' variant, else of the device's ISA.
   */
  static Blocking blockingFor(OpenClDevice device, OpenClSettings settings, boolean floatSums) {
    OpenClSettings.TileKernel kernel = settings.tileKernel();
    boolean vector = kernel == OpenClSettings.TileKernel.AUTO ? !device.isGpu()
        : kernel == OpenClSettings.TileKernel.VECTOR;
    if (vector) {
      CpuVariant variant = settings.cpuVariant().orElseGet(
          () -> CpuVariant.forDevice(device.name(), device.nativeDoubleWidth()));
      return Blocking.cpu(variant, floatSums);
    }
    return Blocking.gpu(device.maxWorkGroupSize() >= 256 ? 16 : 8);
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
    s.append("typedef ").append(real).append(" STORE;\n");
    s.append("typedef ").append(acc).append(" ACC;\n");
    s.append("#define BLK ").append(blocking.blk()).append('\n');
    s.append("#define WPT ").append(blocking.wpt()).append('\n');
    s.append("#define TK ").append(blocking.tk()).append('\n');
    if (blocking.cpu()) {
      cpuBlockDefinitions(s, real, acc, blocking);
    }
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
      // The LANES-wide copy (ntkv_diag, ntkv_pair): lanes are inputs, or columns of one row.
      s.append("#undef NTK_EXPECTATIONS_H\n#undef NTK_NAME\n#define NTK_NAME(x) ntkv_##x\n");
      s.append("#define REAL REALV\n");
      s.append("#undef NTK_LOAD\n#undef NTK_LOADV\n#undef NTK_STOREV\n");
      s.append("#define NTK_LOAD(p) ((REALV)(*(p)))\n");
      s.append("#define NTK_LOADV(p) VLOADV(0, p)\n");
      s.append("#define NTK_STOREV(p, v) VSTOREV(v, 0, p)\n");
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
   * The CPU kernel's vector types and register block (see ntk_tile_cpu.cl): PANEL-wide ACC
   * vectors for the sums, LANES-wide REAL vectors for the recursion, and the row and panel
   * lists that spell out the accumulators.
   */
  private static void cpuBlockDefinitions(StringBuilder s, String real, String acc,
      Blocking b) {
    String lanes = String.valueOf(b.lanes());
    s.append("#define PANEL ").append(b.panel()).append('\n');
    s.append("#define NPAN ").append(b.panels()).append('\n');
    s.append("#define MR ").append(b.rows()).append('\n');
    s.append("#define HPANEL ").append(b.packedHeight()).append('\n');
    s.append("#define LANES ").append(lanes).append('\n');
    s.append("typedef ").append(acc).append(b.panel()).append(" ACCP;\n");
    s.append("#define CONVERT_ACCP convert_").append(acc).append(b.panel()).append('\n');
    s.append("#define VLOADP vload").append(b.panel()).append('\n');
    s.append("typedef ").append(real).append(lanes).append(" REALV;\n");
    s.append("typedef ").append(acc).append(lanes).append(" ACCV;\n");
    s.append("#define CONVERT_REALV convert_").append(real).append(lanes).append('\n');
    s.append("#define CONVERT_STOREV convert_").append(real).append(lanes).append('\n');
    s.append("#define VLOADV vload").append(lanes).append('\n');
    s.append("#define VSTOREV vstore").append(lanes).append('\n');
    s.append("#define NTK_ROWS(X)");
    for (int r = 0; r < b.rows(); r++) {
      s.append(" X(").append(r).append(')');
    }
    s.append("\n#define NTK_PANELS(X, r)");
    for (int p = 0; p < b.panels(); p++) {
      s.append(" X(r, ").append(p).append(')');
    }
    s.append('\n');
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
