package org.ntk4j.bench;

import java.util.SplittableRandom;
import org.ntk4j.linalg.Matrix;

/** What the kernel benchmarks share: the reference architecture and seeded inputs. */
final class BenchInputs {
  private BenchInputs() {}

  /** depth × (dense, relu) and a dense readout, in neural-tangents' NTK parameterization. */
  static String reluNet(int depth) {
    StringBuilder s = new StringBuilder();
    for (int l = 0; l < depth; l++) {
      s.append("dense(512, w_std=1.5, b_std=0.05), relu(), ");
    }
    return s.append("dense(1, w_std=1.5, b_std=0.05)").toString();
  }

  /** n × d uniform(−1, 1) values, seeded. */
  static Matrix uniform(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-1, 1);
    }
    return new Matrix(n, d, x);
  }
}
