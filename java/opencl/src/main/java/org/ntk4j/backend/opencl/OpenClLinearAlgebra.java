package org.ntk4j.backend.opencl;

import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceLinearAlgebra;

/**
 * {@link DeviceLinearAlgebra} on an OpenCL device, with the kernels of opencl/ntk_linalg.cl
 * built for one precision and the widest panel the device's local memory holds.
 */
public final class OpenClLinearAlgebra extends DeviceLinearAlgebra {
  /** Panel widths: 64 where a 64 × 65 panel of REAL fits in local memory, else 32. */
  private static final int WIDE = 64;
  private static final int NARROW = 32;

  /** Opens OpenCL device {@code device} for linear algebra in {@code precision}. */
  public OpenClLinearAlgebra(int device, Precision precision) {
    this(open(device, precision), true, precision);
  }

  private static OpenClContext open(int device, Precision precision) {
    OpenClDevice d = OpenClPlatforms.probe().device(device);
    checked(d, precision);
    return new OpenClContext(d);
  }

  /** Linear algebra on an open context (a kernel backend's), closed with it if {@code owns}. */
  OpenClLinearAlgebra(OpenClContext context, boolean owns, Precision precision) {
    super("opencl", context, owns, context.program(OpenClKernelSource.linearAlgebraProgram(
        checked(context.device(), precision), panel(context.device(), precision)), ""),
        precision, panel(context.device(), precision), null);
  }

  private static Precision checked(OpenClDevice d, Precision precision) {
    if (precision == Precision.FLOAT64 && !d.fp64()) {
      throw new InvalidInputException("OpenCL device " + d.index() + " (" + d.name()
          + ") has no float64 (cl_khr_fp64): use float32 or another device");
    }
    return precision;
  }

  /** The Cholesky kernels stage an NB × (NB + 1) panel of REAL in local memory. */
  private static int panel(OpenClDevice d, Precision precision) {
    return (long) WIDE * (WIDE + 1) * precision.bytes() + 64 <= d.localMemBytes() ? WIDE : NARROW;
  }
}
