package org.ntk4j.linalg;

/** Shape checks shared by every {@link LinearAlgebra} implementation; messages name both shapes. */
public final class Shapes {
  private Shapes() {}

  public static void requireSquare(Matrix a, String name) {
    if (a.rows() != a.cols()) {
      throw new IllegalArgumentException(name + " must be square, got shape " + a.shape());
    }
  }

  /** Checks that A (m × r) times B (r × k) is defined; {@code what} names the operation. */
  public static void requireInner(int aCols, int bRows, Matrix a, Matrix b, String what) {
    if (aCols != bRows) {
      throw new IllegalArgumentException(what + ": shapes " + a.shape() + " and " + b.shape()
          + " do not fit");
    }
  }

  /** Checks that B has as many rows as the square system matrix A. */
  public static void requireRightHandSide(Matrix a, Matrix b) {
    requireSquare(a, "the system matrix");
    if (b.rows() != a.rows()) {
      throw new IllegalArgumentException("a system matrix of shape " + a.shape()
          + " needs right-hand sides with " + a.rows() + " rows, got shape " + b.shape());
    }
  }

  /** Checks an index range [from, to) of the n ascending eigenvalues. */
  public static void requireEigenvalueRange(int from, int to, int n) {
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException("eigenvalues [" + from + ", " + to + ") of a " + n
          + "x" + n + " matrix: the range must lie within [0, " + n + "]");
    }
  }
}
