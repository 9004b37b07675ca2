package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/** A training loss L(f, y) over a batch of outputs f and targets y (both n × k). */
public interface Loss {

  double value(Matrix f, Matrix y);

  /** dL/df, n × k. */
  Matrix gradient(Matrix f, Matrix y);

  /** L = ‖f − y‖² / (2·y.size), neural-tangents' MSE (its closed forms use n = y.size). */
  Loss MSE = new MeanSquaredError();

  /**
   * L = −(1/N)·Σᵢ Σ_c y_ic·log softmax(fᵢ)_c with N = y.size (neural-tangents' convention, as
   * for MSE), for one-hot or other nonnegative targets.
   */
  Loss SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy();
}
