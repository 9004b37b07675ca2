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

  /** A list argument: {@code [1, 0.5, 2]}. */
  static String list(double[] values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(num(values[i]));
    }
    return s.append(']').toString();
  }

  /** A parsed argument value as the spec writes it (for messages). */
  static String value(Object v) {
    if (v instanceof Double d) {
      return num(d);
    }
    if (v instanceof double[] list) {
      return list(list);
    }
    return String.valueOf(v);  // words, and quoted text with its quotes
  }
}
