package org.ntk4j.linalg;

/**
 * A symmetric eigendecomposition A = V·diag(λ)·Vᵀ.
 *
 * @param values the eigenvalues λ in ascending order (length n), as numpy's {@code eigh}
 * @param vectors V (n × n): column i is the unit eigenvector of {@code values[i]}; the columns
 *     are orthonormal
 */
public record SymmetricEigen(double[] values, Matrix vectors) {

  public SymmetricEigen {
    if (vectors.rows() != values.length || vectors.cols() != values.length) {
      throw new IllegalArgumentException(values.length + " eigenvalues need " + values.length
          + "x" + values.length + " eigenvectors, got " + vectors.shape());
    }
  }

  public int size() {
    return values.length;
  }

  /** The smallest eigenvalue. */
  public double min() {
    return values[0];
  }

  /** The largest eigenvalue. */
  public double max() {
    return values[values.length - 1];
  }
}
