package org.ntk4j.kernel.program;

import org.ntk4j.Precision;

/** How a {@link Precision} is spelled in generated C (OpenCL C and CUDA C alike). */
public final class CTypes {
  private CTypes() {}

  /** {@code double} or {@code float}. */
  public static String cType(Precision p) {
    return p == Precision.FLOAT64 ? "double" : "float";
  }

  /** Bytes per element. */
  public static int bytes(Precision p) {
    return p.bytes();
  }

  /**
   * {@code v} as an exact C literal: a hexadecimal float, so the device sees the bits the
   * oracle uses (rounded once to float for FLOAT32). Values beyond the precision's range
   * become C's INFINITY (and NaN NAN), so that the kernel builds and its result is refused as
   * non-finite, as the oracle's is.
   */
  public static String literal(Precision p, double v) {
    double rounded = p == Precision.FLOAT64 ? v : (float) v;
    if (!Double.isFinite(rounded)) {
      String c = Double.isNaN(rounded) ? "NAN" : rounded > 0 ? "INFINITY" : "-INFINITY";
      return "((" + cType(p) + ")" + c + ")";
    }
    String s = p == Precision.FLOAT64 ? Double.toHexString(v) : Float.toHexString((float) v) + "f";
    return "(" + s + ")";
  }
}
