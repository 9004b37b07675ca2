package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/**
 * −(1/N)·Σᵢ Σ_c y_ic·log softmax(fᵢ)_c with N = y.size, as neural-tangents' example loss
 * ({@code -mean(log_softmax(f) * y)}) and {@link org.ntk4j.predict.CrossEntropyDynamics};
 * gradient (sᵢ·softmax(fᵢ) − yᵢ)/N with sᵢ = Σ_c y_ic (1 for one-hot targets).
 */
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
    return total / f.data().length;
  }

  @Override
  public Matrix gradient(Matrix f, Matrix y) {
    f.requireSameShape(y);
    int k = f.cols();
    Matrix g = Matrix.zeros(f.rows(), k);
    for (int i = 0; i < f.rows(); i++) {
      double logZ = logSumExp(f.data(), i * k, k);
      double mass = 0;
      for (int c = 0; c < k; c++) {
        mass += y.get(i, c);
      }
      for (int c = 0; c < k; c++) {
        g.set(i, c, (mass * Math.exp(f.get(i, c) - logZ) - y.get(i, c)) / f.data().length);
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
