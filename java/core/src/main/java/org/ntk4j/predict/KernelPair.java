package org.ntk4j.predict;

import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * The NNGP and NTK between two sets of inputs (either may be null when not needed).
 */
public record KernelPair(Matrix nngp, Matrix ntk) {

  public static KernelPair nngpOnly(Matrix nngp) {
    return new KernelPair(nngp, null);
  }

  /** The kernel of the given kind; refuses a missing one with the fix. */
  public Matrix get(KernelKind kind, String which) {
    Matrix m = kind == KernelKind.NNGP ? nngp : ntk;
    if (m == null) {
      throw new InvalidInputException("the " + which + " " + kind.label()
          + " is needed here but was not given");
    }
    return m;
  }
}
