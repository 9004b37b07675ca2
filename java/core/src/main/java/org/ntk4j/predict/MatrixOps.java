package org.ntk4j.predict;

import org.ntk4j.linalg.Matrix;

/** Elementwise helpers the prediction formulas need (the products go through LinearAlgebra). */
final class MatrixOps {
  private MatrixOps() {}

  /** a + s·b as a new matrix. */
  static Matrix addScaled(Matrix a, double s, Matrix b) {
    a.requireSameShape(b);
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] + s * y[i];
    }
    return new Matrix(a.rows(), a.cols(), out);
  }

  /** (a + aᵀ) for a square matrix. */
  static Matrix symmetricPart2(Matrix a) {
    int n = a.rows();
    Matrix out = Matrix.zeros(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out.set(i, j, a.get(i, j) + a.get(j, i));
      }
    }
    return out;
  }

  /** A matrix of zeros shaped like {@code a}, or {@code a} itself when non-null. */
  static Matrix orZeros(Matrix a, int rows, int cols) {
    return a != null ? a : Matrix.zeros(rows, cols);
  }
}
