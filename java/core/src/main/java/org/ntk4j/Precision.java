package org.ntk4j;

import java.util.Locale;

/** The floating-point precision a backend computes in and results are stored in. */
public enum Precision {
  FLOAT64(8),
  FLOAT32(4);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /** The size of one value in bytes. */
  public int bytes() {
    return bytes;
  }

  /** The command-line spelling: {@code float64} or {@code float32}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
