package org.ntk4j.backend.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.ntk4j.kernel.program.CTypes;
import org.ntk4j.backend.Precision;
import org.ntk4j.kernel.program.ProgramSource;

/**
 * Assembles the OpenCL program for one (architecture, precision): type definitions and blocking
 * constants, the shared expectations header, the generated per-pair program, and the tile
 * kernels ({@code opencl/ntk_tile.cl}).
 */
final class OpenClKernelSource {
  /**
   * Work geometry. GPUs ({@code ntk_tile}): BLK × BLK work-items, each computing WPT × WPT
   * outputs from TK-deep local-memory panels. CPUs ({@code ntk_tile_cpu}): one column and RPT
   * rows per work-item, straight from (cached) global memory.
   */
  record Blocking(boolean cpu, int blk, int wpt, int tk, int rpt) {
    /** Tile edges are multiples of this. */
    int tileStep() {
      return cpu ? 64 : blk * wpt;
    }

    String kernelName() {
      return cpu ? "ntk_tile_cpu" : "ntk_tile";
    }
  }

  private OpenClKernelSource() {}

  /** Blocking for a device: the local-memory kernel on GPUs, the cache-based one on CPUs. */
  static Blocking blockingFor(OpenClDevice device) {
    if (!device.isGpu()) {
      return new Blocking(true, 8, 4, 16, 8);
    }
    return new Blocking(false, device.maxWorkGroupSize() >= 256 ? 16 : 8, 4, 16, 8);
  }

  static String tileProgram(ProgramSource program, Precision precision,
      boolean accumulateInDouble, Blocking blocking) {
    String real = CTypes.cType(precision);
    String acc = accumulateInDouble ? "double" : real;
    boolean fp64 = precision == Precision.FLOAT64 || accumulateInDouble;
    StringBuilder s = new StringBuilder();
    // No fused multiply-add anywhere: FMA would make q11·q22 − q12² nonzero for an input with
    // itself (θ ≈ 1e-8 instead of 0) and the sums differ from the oracle's.
    s.append("#pragma OPENCL FP_CONTRACT OFF\n");
    if (fp64) {
      s.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
    }
    s.append("typedef ").append(real).append(" REAL;\n");
    s.append("typedef ").append(real).append(" STORE;\n");
    s.append("typedef ").append(acc).append(" ACC;\n");
    s.append("typedef ").append(acc).append("8 ACC8;\n");
    s.append("#define CONVERT_ACC8 convert_").append(acc).append("8\n");
    s.append("#define BLK ").append(blocking.blk()).append('\n');
    s.append("#define WPT ").append(blocking.wpt()).append('\n');
    s.append("#define TK ").append(blocking.tk()).append('\n');
    s.append("#define RPT ").append(blocking.rpt()).append('\n');
    s.append("#define NTK_GLOBAL __global\n");
    s.append(resource("ntk_expectations.h")).append('\n');
    s.append(program.generate()).append('\n');
    s.append(resource("ntk_tile.cl"));
    return s.toString();
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
