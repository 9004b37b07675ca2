package org.ntk4j.backend.opencl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ntk4j.InvalidInputException;

/**
 * The register blocks of the CPU tile kernel ({@code opencl/ntk_tile_cpu.cl}), one per class of
 * x86 vector ISA. A work-item keeps rows × panels vector accumulators, loads {@code panels}
 * vectors of X2 and broadcasts one value of X1 per k; all of it must fit the register file or
 * the sums spill to memory (an 8 × 2 block of 512-bit accumulators fills AVX2's 16 ymm
 * registers twice over). Every variant is the same OpenCL C with other block constants, so each
 * one computes correctly on any CPU; only its speed depends on the ISA.
 */
public enum CpuVariant {
  /** 32 zmm registers of 512 bits: 8 × 2 accumulators, 2 loads; broadcasts fold into the FMA. */
  AVX512(512, 8, 2),
  /**
   * 16 ymm registers of 256 bits (AVX2 + FMA, e.g. Haswell, Zen 1–3): 4 × 2 accumulators, 2
   * loads and a broadcast, 11 registers (a 4 × 3 block needs all 16, and LLVM then spills one
   * accumulator and shuffles the rest every step). Eight independent sums cover the FMA
   * latency of two pipes, as OpenBLAS's Haswell kernels (4 × 8 float64) do.
   */
  AVX2(256, 4, 2),
  /** Anything else (SSE, NEON; 16 or more 128-bit registers): the AVX2 block on 128 bits. */
  PLAIN(128, 4, 2);

  private static final List<String> AVX512_TARGETS = List.of("avx512", "x86-64-v4",
      "cascadelake", "cooperlake", "cannonlake", "icelake-client", "icelake-server", "tigerlake",
      "rocketlake", "sapphirerapids", "emeraldrapids", "graniterapids", "diamondrapids", "knl",
      "knm", "znver4", "znver5");
  private static final List<String> AVX2_TARGETS = List.of("x86-64-v3", "haswell", "broadwell",
      "skylake", "alderlake", "raptorlake", "meteorlake", "arrowlake", "lunarlake",
      "pantherlake", "gracemont", "sierraforest", "grandridge", "clearwaterforest", "znver1",
      "znver2", "znver3", "bdver2", "bdver3", "bdver4");
  private static final List<String> PLAIN_TARGETS = List.of("x86-64", "x86-64-v2", "athlon64",
      "k8", "core2", "penryn", "nehalem", "westmere", "sandybridge", "ivybridge", "bdver1",
      "btver1", "btver2", "silvermont", "goldmont", "generic");

  private final int vectorBits;
  private final int rows;
  private final int panels;

  CpuVariant(int vectorBits, int rows, int panels) {
    this.vectorBits = vectorBits;
    this.rows = rows;
    this.panels = panels;
  }

  /** Lanes of one vector register holding elements of {@code bytes} bytes. */
  int lanes(int bytes) {
    return vectorBits / 8 / bytes;
  }

  /** Output rows per work-item (one broadcast value each). */
  int rows() {
    return rows;
  }

  /** Vector registers of output columns per work-item. */
  int panels() {
    return panels;
  }

  /**
   * The variant a setting names ({@code avx512}, {@code avx2}, {@code plain}, any case), or empty
   * for {@code auto} or no setting (the device's own).
   *
   * @throws InvalidInputException for any other name, listing the choices
   */
  public static Optional<CpuVariant> named(String name) {
    if (name == null || name.equalsIgnoreCase("auto")) {
      return Optional.empty();
    }
    for (CpuVariant v : values()) {
      if (v.name().equalsIgnoreCase(name)) {
        return Optional.of(v);
      }
    }
    throw new InvalidInputException("unknown CPU tile variant '" + name
        + "'; choose auto, avx512, avx2 or plain");
  }

  /**
   * The variant for a CPU device: the narrower of what its name says the kernels are compiled
   * for and what its native float64 vector width says. PoCL names a CPU device after the LLVM
   * target it compiles for ("pthread-skylake-avx512-…", "pthread-haswell-…", "cpu-znver3-…");
   * its native widths come from the host's features (8 float64 lanes with AVX-512, 4 with AVX).
   * An unknown name leaves the width to decide.
   */
  static CpuVariant forDevice(String name, int nativeDoubleWidth) {
    CpuVariant byWidth = nativeDoubleWidth >= 8 ? AVX512 : nativeDoubleWidth >= 4 ? AVX2 : PLAIN;
    CpuVariant byName = byTarget(name.toLowerCase(Locale.ROOT));
    return byName == null || byName.vectorBits > byWidth.vectorBits ? byWidth : byName;
  }

  private static CpuVariant byTarget(String name) {
    if (names(name, AVX512_TARGETS)) {
      return AVX512;
    }
    if (names(name, AVX2_TARGETS)) {
      return AVX2;
    }
    return names(name, PLAIN_TARGETS) ? PLAIN : null;
  }

  /** Whether a target appears in the name as a whole dash-separated part. */
  private static boolean names(String name, List<String> targets) {
    for (String t : targets) {
      if (Pattern.compile("(^|[-\\s])" + Pattern.quote(t) + "($|[-\\s])").matcher(name).find()) {
        return true;
      }
    }
    return false;
  }
}
