package org.ntk4j.krylov;

import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.linalg.Matrix;

/**
 * A = K + σ·I for a square kernel operator K and the diagonal regularizer's shift σ ≥ 0: the
 * matrix every solve and matrix function of prediction works with (docs/MATH.md §6, K_reg).
 */
public record RegularizedOperator(KernelOperator kernel, double shift) {

  public RegularizedOperator {
    if (!kernel.isSquare()) {
      throw new IllegalArgumentException("a train-train kernel is square, got " + kernel.rows()
          + "x" + kernel.cols());
    }
    if (!(shift >= 0) || Double.isInfinite(shift)) {
      throw new IllegalArgumentException("the diagonal shift is " + shift);
    }
  }

  public int size() {
    return kernel.rows();
  }

  /** A·V = K·V + σ·V. */
  public Matrix multiply(Matrix v) {
    Matrix kv = kernel.multiply(v);
    if (shift != 0) {
      double[] out = kv.data();
      double[] in = v.data();
      for (int i = 0; i < out.length; i++) {
        out[i] += shift * in[i];
      }
    }
    return kv;
  }
}
