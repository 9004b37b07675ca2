package org.ntk4j.stax;

/** Formats numbers in layer specs so that parsing them back gives the same double exactly. */
final class SpecFormat {
  private SpecFormat() {}

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
