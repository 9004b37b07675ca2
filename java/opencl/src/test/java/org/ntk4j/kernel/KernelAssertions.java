package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/** Properties every computed kernel has: finite, symmetric, positive semidefinite. */
final class KernelAssertions {
  private KernelAssertions() {}

  static void assertFinite(String what, double[] values) {
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        fail(what + " has " + values[k] + " at index " + k);
      }
    }
  }

  /** Exactly symmetric: a symmetric request mirrors one triangle. */
  static void assertSymmetric(String what, Matrix k) {
    for (int i = 0; i < k.rows(); i++) {
      for (int j = i + 1; j < k.cols(); j++) {
        if (Double.compare(k.get(i, j), k.get(j, i)) != 0) {
          fail(what + " is not symmetric: (" + i + ", " + j + ") = " + k.get(i, j) + " but ("
              + j + ", " + i + ") = " + k.get(j, i));
        }
      }
    }
  }

  /**
   * Positive semidefinite up to rounding: λ_min ≥ −tolerance·λ_max. Rounding each entry by a
   * relative ε moves the eigenvalues by at most n·ε·max|K| (Weyl), so tolerance ≈ n·ε; an
   * entry above its Cauchy–Schwarz bound (correlation > 1) breaks it by far more.
   */
  static void assertPositiveSemidefinite(String what, Matrix k, double tolerance) {
    SymmetricEigen e = new JavaLinearAlgebra().eigh(k);
    double max = Math.max(e.max(), 0);
    if (e.min() < -tolerance * max) {
      fail(what + " is not positive semidefinite: smallest eigenvalue " + e.min()
          + ", largest " + e.max() + " (tolerance " + tolerance + ")");
    }
  }
}
