package org.ntk4j.predict;

import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;

/** Small seeded kernels and targets for the prediction tests. */
final class Fixtures {
  private Fixtures() {}

  /**
   * The linear kernel of random inputs: rows [0, nTrain) are training points, the rest test
   * points; K = X·Xᵀ/d + 0.1 (PSD; positive definite when d ≥ nTrain).
   */
  static Matrix linearKernel(int nAll, int d, long seed) {
    Matrix x = TestMatrices.gaussian(nAll, d, seed);
    Matrix k = Matrix.zeros(nAll, nAll);
    for (int i = 0; i < nAll; i++) {
      for (int j = 0; j < nAll; j++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += x.get(i, c) * x.get(j, c);
        }
        k.set(i, j, s / d + 0.1);
      }
    }
    return k;
  }

  /** Rows [r0, r1) and columns [c0, c1) of m. */
  static Matrix block(Matrix m, int r0, int r1, int c0, int c1) {
    Matrix out = Matrix.zeros(r1 - r0, c1 - c0);
    for (int i = r0; i < r1; i++) {
      for (int j = c0; j < c1; j++) {
        out.set(i - r0, j - c0, m.get(i, j));
      }
    }
    return out;
  }

  /** a + s·b. */
  static Matrix axpy(Matrix a, double s, Matrix b) {
    return MatrixOps.addScaled(a, s, b);
  }

  /** Solves A·X = B by Gauss–Jordan elimination with partial pivoting (an independent check). */
  static Matrix gaussSolve(Matrix a, Matrix b) {
    int n = a.rows();
    int k = b.cols();
    double[][] m = new double[n][n + k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = a.get(i, j);
      }
      for (int j = 0; j < k; j++) {
        m[i][n + j] = b.get(i, j);
      }
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[p];
      m[p] = tmp;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int j = c; j < n + k; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    Matrix x = Matrix.zeros(n, k);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        x.set(i, j, m[i][n + j] / m[i][i]);
      }
    }
    return x;
  }
}
