package org.ntk4j.backend.opencl;

import java.util.Optional;
import org.ntk4j.Precision;

/**
 * How the OpenCL backend computes.
 *
 * @param device the {@code --device} number (index into {@link OpenClPlatforms#probe()})
 * @param precision FLOAT64 (needs cl_khr_fp64) or FLOAT32
 * @param accumulateInDouble for FLOAT32: form the Gram sums in float64 (needs cl_khr_fp64)
 * @param maxTileEdge the largest tile edge to use; the device's memory may make it smaller
 * @param tileKernel which tile kernel runs: chosen by device type, or forced (tests run the GPU
 *     kernel on PoCL this way)
 * @param cpuVariant the CPU tile kernel's register block; empty: the one for the device's ISA
 *     ({@link CpuVariant#forDevice}). Any variant is correct on any CPU (tests run them all).
 */
public record OpenClSettings(int device, Precision precision, boolean accumulateInDouble,
    int maxTileEdge, TileKernel tileKernel, Optional<CpuVariant> cpuVariant) {

  /** The tile kernels of opencl/ntk_tile.cl and ntk_tile_cpu.cl. */
  public enum TileKernel {
    /** LOCAL_MEMORY on GPUs, VECTOR on CPUs. */
    AUTO,
    /** Work-groups stage panels of X1 and X2 in local memory (ntk_tile). */
    LOCAL_MEMORY,
    /**
     * No local memory; explicit vectors of the CPU's width for the Gram and the recursion
     * (ntk_tile_cpu), register-blocked as {@link CpuVariant}.
     */
    VECTOR
  }
  /** Tiles of 2048² float64 outputs: 32 MiB per kernel per slot, small beside any device. */
  public static final int DEFAULT_MAX_TILE_EDGE = 2048;

  public OpenClSettings {
    if (maxTileEdge < 1) {
      throw new IllegalArgumentException("maxTileEdge must be >= 1, got " + maxTileEdge);
    }
  }

  /** Float64 on device 0. */
  public static OpenClSettings defaults() {
    return new OpenClSettings(0, Precision.FLOAT64, false, DEFAULT_MAX_TILE_EDGE,
        TileKernel.AUTO, Optional.empty());
  }

  public OpenClSettings withDevice(int d) {
    return new OpenClSettings(d, precision, accumulateInDouble, maxTileEdge, tileKernel,
        cpuVariant);
  }

  public OpenClSettings withPrecision(Precision p) {
    return new OpenClSettings(device, p, accumulateInDouble, maxTileEdge, tileKernel,
        cpuVariant);
  }

  public OpenClSettings withAccumulateInDouble(boolean a) {
    return new OpenClSettings(device, precision, a, maxTileEdge, tileKernel, cpuVariant);
  }

  public OpenClSettings withMaxTileEdge(int e) {
    return new OpenClSettings(device, precision, accumulateInDouble, e, tileKernel, cpuVariant);
  }

  public OpenClSettings withTileKernel(TileKernel k) {
    return new OpenClSettings(device, precision, accumulateInDouble, maxTileEdge, k,
        cpuVariant);
  }

  /** Forces the CPU tile kernel's register block (empty: the device's own). */
  public OpenClSettings withCpuVariant(Optional<CpuVariant> v) {
    return new OpenClSettings(device, precision, accumulateInDouble, maxTileEdge, tileKernel, v);
  }

  /** Whether the kernels use float64 anywhere (and so need cl_khr_fp64). */
  public boolean needsFp64() {
    return precision == Precision.FLOAT64 || accumulateInDouble;
  }
}
