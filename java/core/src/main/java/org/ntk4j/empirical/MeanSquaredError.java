package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/** ‖f − y‖² / (2N) with N = y.size; gradient (f − y)/N. */
final class MeanSquaredError implements Loss {

  @Override
  public double value(Matrix f, Matrix y) {
    f.requireSameShape(y);
    double s = 0;
    for (int i = 0; i < f.data().length; i++) {
      double r = f.data()[i] - y.data()[i];
      s += r * r;
    }
    return s / (2.0 * f.data().length);
  }

  @Override
  public Matrix gradient(Matrix f, Matrix y) {
    f.requireSameShape(y);
    Matrix g = f.copy();
    double n = f.data().length;
    for (int i = 0; i < g.data().length; i++) {
      g.data()[i] = (g.data()[i] - y.data()[i]) / n;
    }
    return g;
  }

  @Override
  public String toString() {
    return "mse";
  }
}
