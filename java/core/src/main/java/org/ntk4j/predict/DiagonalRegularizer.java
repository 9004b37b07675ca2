package org.ntk4j.predict;

import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.Shapes;

/**
 * K + r·I with r = diag_reg·tr(K)/N (neural-tangents' default, scale-free) or r = diag_reg when
 * {@code absolute}. Regularizing makes numerically singular kernels factorizable.
 */
public record DiagonalRegularizer(double strength, boolean absolute) {
  public static final DiagonalRegularizer NONE = new DiagonalRegularizer(0, false);

  public DiagonalRegularizer {
    if (!(strength >= 0) || Double.isInfinite(strength)) {
      throw new InvalidInputException("diag_reg is " + strength
          + ": it must be a finite number ≥ 0 (e.g. 1e-6)");
    }
  }

  /** Relative to the mean diagonal, as neural-tangents. */
  public static DiagonalRegularizer relative(double strength) {
    return new DiagonalRegularizer(strength, false);
  }

  /** The value r added to every diagonal entry of {@code k}. */
  public double shift(Matrix k) {
    double[] diagonal = new double[k.rows()];
    for (int i = 0; i < diagonal.length; i++) {
      diagonal[i] = k.get(i, i);
    }
    return shift(diagonal);
  }

  /** The value r added to every diagonal entry of a kernel with this diagonal. */
  public double shift(double[] diagonal) {
    if (strength == 0 || absolute) {
      return strength;
    }
    double trace = 0;
    for (double d : diagonal) {
      trace += d;
    }
    return strength * trace / diagonal.length;
  }

  /** Adds the shift to {@code k}'s diagonal in place (no N × N copy). */
  public void applyInPlace(Matrix k) {
    Shapes.requireSquare(k, "the train-train kernel");
    double r = shift(k);
    if (r != 0) {
      for (int i = 0; i < k.rows(); i++) {
        k.set(i, i, k.get(i, i) + r);
      }
    }
  }

  /** A regularized copy of the square matrix {@code k} (k itself when there is nothing to add). */
  public Matrix apply(Matrix k) {
    Shapes.requireSquare(k, "the train-train kernel");
    double r = shift(k);
    if (r == 0) {
      return k;
    }
    Matrix out = k.copy();
    for (int i = 0; i < k.rows(); i++) {
      out.set(i, i, out.get(i, i) + r);
    }
    return out;
  }
}
