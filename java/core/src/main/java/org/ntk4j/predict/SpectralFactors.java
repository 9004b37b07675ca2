package org.ntk4j.predict;

import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/** Builds the T × N factor matrices F[t, i] = f_t(λᵢ) that {@code LinearAlgebra} batches over. */
final class SpectralFactors {
  private SpectralFactors() {}

  /** A function of one eigenvalue at one schedule point. */
  @FunctionalInterface
  interface Factor {
    double at(double lambda, int point);
  }

  /** One row per schedule point in {@code points}, one column per eigenvalue. */
  static Matrix of(SymmetricEigen eigen, int[] points, Factor f) {
    double[] lambdas = eigen.values();
    int n = lambdas.length;
    Matrix out = Matrix.zeros(points.length, n);
    for (int r = 0; r < points.length; r++) {
      for (int i = 0; i < n; i++) {
        out.set(r, i, f.at(lambdas[i], points[r]));
      }
    }
    return out;
  }
}
