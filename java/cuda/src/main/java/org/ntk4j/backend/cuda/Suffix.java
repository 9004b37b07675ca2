package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;

/** Kernel name suffixes for the two precisions of cuda/*.cu (NTK_SUFFIX). */
final class Suffix {
  private Suffix() {}

  /** {@code f64} or {@code f32}: the kernels are exported once per precision. */
  static String of(Precision p) {
    return p == Precision.FLOAT64 ? "f64" : "f32";
  }
}
