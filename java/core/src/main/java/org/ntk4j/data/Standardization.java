package org.ntk4j.data;

import org.ntk4j.linalg.Matrix;

/**
 * Per-column standardization x ↦ (x − mean) / std, fitted on one matrix (e.g. the training
 * set) and applied to others. Constant columns (std = 0) map to 0 instead of dividing by zero.
 *
 * @param means column means
 * @param stds column population standard deviations (numpy's default, ddof = 0)
 */
public record Standardization(double[] means, double[] stds) {

  /** Fits means and standard deviations of the columns of {@code x}. */
  public static Standardization fit(Matrix x) {
    int n = x.rows();
    int d = x.cols();
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x.get(i, j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = x.get(i, j) - mean[j];
        std[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j] / n);
    }
    return new Standardization(mean, std);
  }

  /** A new matrix with every column standardized. */
  public Matrix apply(Matrix x) {
    if (x.cols() != means.length) {
      throw new IllegalArgumentException("fitted on " + means.length + " columns, got "
          + x.shape());
    }
    Matrix out = Matrix.zeros(x.rows(), x.cols());
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.cols(); j++) {
        out.set(i, j, stds[j] == 0 ? 0 : (x.get(i, j) - means[j]) / stds[j]);
      }
    }
    return out;
  }
}
