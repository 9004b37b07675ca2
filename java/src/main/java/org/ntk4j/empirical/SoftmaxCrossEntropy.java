package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/** Mean over examples of −Σ_c y_c·log softmax(f)_c; gradient (softmax(f) − y)/n. */
final class SoftmaxCrossEntropy implements Loss {

  @Override
  public double value(Matrix f, Matrix y) {
    f.requireSameShape(y);
    int k = f.cols();
    double total = 0;
    for (int i = 0; i < f.rows(); i++) {
      double logZ = logSumExp(f.data(), i * k, k);
      for (int c = 0; c < k; c++) {
        total -= y.get(i, c) * (f.get(i, c) - logZ);
      }
    }
    return total / f.rows();
  }

  @Override
  public Matrix gradient(Matrix f, Matrix y) {
    f.requireSameShape(y);
    int k = f.cols();
    Matrix g = Matrix.zeros(f.rows(), k);
    for (int i = 0; i < f.rows(); i++) {
      double logZ = logSumExp(f.data(), i * k, k);
      for (int c = 0; c < k; c++) {
        g.set(i, c, (Math.exp(f.get(i, c) - logZ) - y.get(i, c)) / f.rows());
      }
    }
    return g;
  }

  /** log Σ exp over one row, shifted by its maximum so nothing overflows. */
  private static double logSumExp(double[] d, int from, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, d[from + c]);
    }
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += Math.exp(d[from + c] - max);
    }
    return max + Math.log(s);
  }

  @Override
  public String toString() {
    return "softmax-cross-entropy";
  }
}
