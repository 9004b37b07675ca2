package org.ntk4j.linalg;

import java.util.Random;

/** Seeded matrices and a plain-loop product, an independent check, for the tests. */
public final class TestMatrices {
  private TestMatrices() {}

  /** rows × cols standard normal entries from {@code new Random(seed)}, row-major. */
  public static Matrix gaussian(int rows, int cols, long seed) {
    Random r = new Random(seed);
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextGaussian();
    }
    return new Matrix(rows, cols, d);
  }

  /** a·b by the textbook triple loop. */
  public static Matrix product(Matrix a, Matrix b) {
    Matrix c = Matrix.zeros(a.rows(), b.cols());
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.cols(); j++) {
        double s = 0;
        for (int k = 0; k < a.cols(); k++) {
          s += a.get(i, k) * b.get(k, j);
        }
        c.set(i, j, s);
      }
    }
    return c;
  }
}
