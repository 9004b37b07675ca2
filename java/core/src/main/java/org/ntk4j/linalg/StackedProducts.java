package org.ntk4j.linalg;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link LinearAlgebra#diagonalScaledProducts} as one product: result[t] = L·diag(F[t])·R for
 * every t is L·[diag(F[0])·R | diag(F[1])·R | …], an m × T·k product split back into T blocks.
 */
final class StackedProducts {
  private StackedProducts() {}

  static List<Matrix> compute(LinearAlgebra la, Matrix left, Matrix factors, Matrix right) {
    Shapes.requireInner(left.cols(), right.rows(), left, right, "L·diag(f)·R");
    if (factors.cols() != left.cols()) {
      throw new IllegalArgumentException("L·diag(f)·R: L has shape " + left.shape()
          + " so each row of the factors needs " + left.cols() + " values, got shape "
          + factors.shape());
    }
    int r = right.rows();
    int k = right.cols();
    int times = factors.rows();
    int m = left.rows();
    Matrix stacked = Matrix.zeros(r, Math.multiplyExact(times, k));
    double[] s = stacked.data();
    for (int i = 0; i < r; i++) {
      for (int t = 0; t < times; t++) {
        double scale = factors.get(t, i);
        int dst = i * times * k + t * k;
        for (int c = 0; c < k; c++) {
          s[dst + c] = scale * right.get(i, c);
        }
      }
    }
    List<Matrix> out = new ArrayList<>(times);
    try (Matrix all = la.multiply(left, stacked)) {
      for (int t = 0; t < times; t++) {
        Matrix block = Matrix.zeros(m, k);
        for (int row = 0; row < m; row++) {
          for (int c = 0; c < k; c++) {
            block.set(row, c, all.get(row, t * k + c));
          }
        }
        out.add(block);
      }
    }
    return out;
  }
}
