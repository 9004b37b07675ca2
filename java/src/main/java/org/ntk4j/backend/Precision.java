package org.ntk4j.backend;

import java.util.Locale;
import org.ntk4j.io.NpyDtype;

/** The floating-point precision a backend computes in and results are stored in. */
public enum Precision {
  FLOAT64(NpyDtype.FLOAT64),
  FLOAT32(NpyDtype.FLOAT32);

  private final NpyDtype dtype;

  Precision(NpyDtype dtype) {
    this.dtype = dtype;
  }

  /** The .npy element type that stores results of this precision. */
  public NpyDtype dtype() {
    return dtype;
  }

  /** The command-line spelling: {@code float64} or {@code float32}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
