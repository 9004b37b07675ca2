package org.ntk4j.empirical;

import java.util.SplittableRandom;
import org.ntk4j.linalg.Matrix;

/** Seeded random matrices for the empirical tests. */
final class TestData {
  private TestData() {}

  static Matrix gaussian(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Matrix m = Matrix.zeros(rows, cols);
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return m;
  }

  /** A random direction in parameter space. */
  static Params direction(FiniteNetwork net, long seed) {
    Params p = net.zeros();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int t = 0; t < p.tensorCount(); t++) {
      double[] d = p.tensor(t);
      for (int i = 0; i < d.length; i++) {
        d[i] = rng.nextGaussian();
      }
    }
    return p;
  }

  static double sumProduct(Matrix a, Matrix b) {
    double s = 0;
    for (int i = 0; i < a.data().length; i++) {
      s += a.data()[i] * b.data()[i];
    }
    return s;
  }
}
