package org.ntk4j.backend.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device and what ntk4j needs to know about it.
 *
 * @param index position in {@link OpenClPlatforms#probe()}'s list (the {@code --device} number)
 * @param fp64 whether the device has {@code cl_khr_fp64} (float64 kernels)
 * @param maxAllocBytes the largest single buffer (PoCL: 2 GiB)
 * @param nativeDoubleWidth float64 lanes of the device's native vectors (0 without fp64)
 */
public record OpenClDevice(int index, cl_platform_id platform, cl_device_id id,
    String platformName, String name, String type, String version, boolean fp64,
    long globalMemBytes, long maxAllocBytes, long localMemBytes, long maxWorkGroupSize,
    int computeUnits, int nativeDoubleWidth) {

  /** Whether this is a GPU (preferred by {@code auto}). */
  public boolean isGpu() {
    return type.equals("GPU");
  }

  /** One line for {@code ntk4j devices}. */
  public String describe() {
    return String.format("%d: %s / %s (%s, %d compute units, %s, %d MiB memory, largest buffer"
        + " %d MiB, fp64 %s)", index, platformName, name, type, computeUnits, version,
        globalMemBytes >> 20, maxAllocBytes >> 20, fp64 ? "yes" : "no");
  }
}
