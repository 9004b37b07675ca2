package org.ntk4j.kernel.program;

import java.util.Locale;

/**
 * The floating-point type a device kernel stores and computes in. FLOAT64 matches the oracle to
 * rounding; FLOAT32 halves memory and doubles throughput where the device has narrow units.
 */
public enum Precision {
  FLOAT64("double", 8), FLOAT32("float", 4);

  private final String cType;
  private final int bytes;

  Precision(String cType, int bytes) {
    this.cType = cType;
    this.bytes = bytes;
  }

  /** The C type name: {@code double} or {@code float}. */
  public String cType() {
    return cType;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /**
   * {@code v} as an exact C literal of this type: a hexadecimal float, so the device sees the
   * same bits the oracle uses (rounded once to float for FLOAT32).
   */
  public String literal(double v) {
    String s = this == FLOAT64 ? Double.toHexString(v) : Float.toHexString((float) v) + "f";
    return "(" + s + ")";
  }

  /** Parses {@code float64}/{@code float32} (also {@code f64}, {@code double}, ...). */
  public static Precision parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "float64": case "f64": case "double": return FLOAT64;
      case "float32": case "f32": case "float": return FLOAT32;
      default:
        throw new IllegalArgumentException("unknown precision '" + text
            + "': use float64 or float32");
    }
  }
}
