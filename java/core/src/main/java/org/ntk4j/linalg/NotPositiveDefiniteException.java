package org.ntk4j.linalg;

import java.util.Locale;
import org.ntk4j.InvalidInputException;

/**
 * A matrix that had to be positive definite (a Cholesky factorization) is not, in floating point.
 * Kernel matrices are positive semi-definite in exact arithmetic but often numerically singular;
 * the fix is a diagonal regularizer.
 */
public class NotPositiveDefiniteException extends InvalidInputException {
  private final int size;
  private final double smallestEigenvalue;

  /**
   * @param size the matrix dimension n
   * @param smallestEigenvalue the matrix's smallest eigenvalue (≤ 0 or tiny), for the message
   */
  public NotPositiveDefiniteException(int size, double smallestEigenvalue) {
    super(String.format(Locale.ROOT,
        "the %dx%d kernel matrix is not positive definite (smallest eigenvalue %.3e): "
            + "regularize it with a diagonal term, e.g. --diag-reg 1e-6 (diag_reg)",
        size, size, smallestEigenvalue));
    this.size = size;
    this.smallestEigenvalue = smallestEigenvalue;
  }

  private NotPositiveDefiniteException(String message, int size, double eigenvalueBound) {
    super(message);
    this.size = size;
    this.smallestEigenvalue = eigenvalueBound;
  }

  /**
   * An iterative solver found a direction v with vᵀAv/vᵀv ≤ 0, an upper bound on A's smallest
   * eigenvalue ({@link #smallestEigenvalue()} returns that bound).
   */
  public static NotPositiveDefiniteException fromDirection(int size, double rayleighQuotient) {
    return new NotPositiveDefiniteException(String.format(Locale.ROOT,
        "the %dx%d kernel matrix is not positive definite (a direction v has vᵀKv/vᵀv = %.3e): "
            + "regularize it with a diagonal term, e.g. --diag-reg 1e-6 (diag_reg)",
        size, size, rayleighQuotient), size, rayleighQuotient);
  }

  public int size() {
    return size;
  }

  public double smallestEigenvalue() {
    return smallestEigenvalue;
  }
}
