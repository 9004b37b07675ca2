package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;

/** Kernel name suffixes and scalar arguments for the two precisions of cuda/*.cu. */
final class Suffix {
  private Suffix() {}

  /** {@code f64} or {@code f32}: the kernels are exported once per precision. */
  static String of(Precision p) {
    return p == Precision.FLOAT64 ? "f64" : "f32";
  }

  /** A scalar kernel argument of the kernel's real type. */
  static Object real(Precision p, double v) {
    return p == Precision.FLOAT64 ? (Object) v : (Object) (float) v;
  }
}
