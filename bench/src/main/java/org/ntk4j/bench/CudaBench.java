package org.ntk4j.bench;

import java.util.SplittableRandom;
import org.ntk4j.backend.cuda.CudaProbe;
import org.ntk4j.backend.cuda.CudaStatus;
import org.ntk4j.linalg.Matrix;

/** What the CUDA benchmarks share: the availability check and seeded inputs. */
final class CudaBench {
  private CudaBench() {}

  /** Fails the benchmark's setup with the probe's reasons where CUDA cannot run. */
  static void requireCuda() {
    CudaStatus s = CudaProbe.status();
    if (!s.available()) {
      throw new IllegalStateException("CUDA cannot run here: " + String.join("; ", s.reasons()));
    }
  }

  /** n × d uniform(−1, 1) values, seeded. */
  static Matrix inputs(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-1, 1);
    }
    return new Matrix(n, d, x);
  }
}
