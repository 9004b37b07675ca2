package org.ntk4j.predict;

import org.ntk4j.linalg.Matrix;

/** How well outputs fit targets: mean squared error and, for one-hot targets, accuracy. */
public final class Metrics {
  private Metrics() {}

  /** Mean over all entries of (f − y)². */
  public static double meanSquaredError(Matrix f, Matrix y) {
    f.requireSameShape(y);
    double s = 0;
    double[] a = f.toDoubleArray();
    double[] b = y.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s / a.length;
  }

  /** Whether every row of y has a single 1 and zeros elsewhere (and there are ≥ 2 columns). */
  public static boolean isOneHot(Matrix y) {
    if (y.cols() < 2) {
      return false;
    }
    for (int i = 0; i < y.rows(); i++) {
      int ones = 0;
      for (int j = 0; j < y.cols(); j++) {
        double v = y.get(i, j);
        if (v == 1) {
          ones++;
        } else if (v != 0) {
          return false;
        }
      }
      if (ones != 1) {
        return false;
      }
    }
    return true;
  }

  /** The fraction of rows whose largest output is in the column of y's largest entry. */
  public static double accuracy(Matrix f, Matrix y) {
    f.requireSameShape(y);
    int right = 0;
    for (int i = 0; i < f.rows(); i++) {
      if (argmax(f, i) == argmax(y, i)) {
        right++;
      }
    }
    return (double) right / f.rows();
  }

  private static int argmax(Matrix m, int row) {
    int best = 0;
    for (int j = 1; j < m.cols(); j++) {
      if (m.get(row, j) > m.get(row, best)) {
        best = j;
      }
    }
    return best;
  }
}
