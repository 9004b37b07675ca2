package org.ntk4j.kernel;

import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/** Refuses inputs that would give a wrong answer, with messages that name the fix. */
public final class InputChecks {
  private InputChecks() {}

  /** Checks X1 and (if present) X2: non-empty, finite, same width. */
  public static void requireValidInputs(Matrix x1, Matrix x2) {
    requireValid(x1, "X1");
    if (x2 != null) {
      requireValid(x2, "X2");
      if (x2.cols() != x1.cols()) {
        throw new InvalidInputException("X1 has shape " + x1.shape() + " and X2 has shape "
            + x2.shape() + ": they need the same number of columns (features)");
      }
    }
  }

  /** Checks one input: at least one row and one column, every value finite. */
  public static void requireValid(Matrix x, String name) {
    if (x.rows() == 0 || x.cols() == 0) {
      throw new InvalidInputException(name + " is empty (shape " + x.shape()
          + "): it needs at least one row and one column");
    }
    requireFinite(x, name);
  }

  /** Fails on the first NaN or infinity, naming its row and column. */
  public static void requireFinite(Matrix x, String name) {
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.cols(); j++) {
        double v = x.get(i, j);
        if (!Double.isFinite(v)) {
          throw new InvalidInputException(name + " has " + v + " at row " + (i + 1)
              + ", column " + (j + 1) + ": remove or impute non-finite values first");
        }
      }
    }
  }
}
