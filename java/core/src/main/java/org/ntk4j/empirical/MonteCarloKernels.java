package org.ntk4j.empirical;

import java.util.SplittableRandom;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * Monte Carlo estimates of the infinite-width kernels: the empirical NNGP and NTK
 * ({@link EmpiricalKernels}) averaged over independent seeded initializations, streamed (one
 * network in memory at a time). The error falls like 1/√(samples·width).
 */
public final class MonteCarloKernels {
  private MonteCarloKernels() {}

  /** Averaged kernels of X1 × X2 (X2 null: X1 × X1), n1 × n2 each. */
  public record Estimate(Matrix nngp, Matrix ntk, int samples) {}

  public static Estimate compute(Architecture architecture, Matrix x1, Matrix x2, int samples,
      long seed, ProgressListener progress) {
    if (samples < 1) {
      throw new InvalidInputException("samples must be at least 1, got " + samples);
    }
    FiniteNetwork net = FiniteNetwork.of(architecture, x1.cols());
    SplittableRandom seeds = new SplittableRandom(seed);
    int n2 = x2 == null ? x1.rows() : x2.rows();
    Matrix nngp = Matrix.zeros(x1.rows(), n2);
    Matrix ntk = Matrix.zeros(x1.rows(), n2);
    for (int s = 0; s < samples; s++) {
      Params theta = net.initialize(seeds.nextLong());
      Elementwise.addInPlace(nngp, EmpiricalKernels.nngp(net, theta, x1, x2));
      Elementwise.addInPlace(ntk, EmpiricalKernels.ntk(net, theta, x1, x2));
      progress.progress(s + 1, samples);
    }
    divide(nngp, samples);
    divide(ntk, samples);
    return new Estimate(nngp, ntk, samples);
  }

  public static Estimate compute(Architecture architecture, Matrix x1, Matrix x2, int samples,
      long seed) {
    return compute(architecture, x1, x2, samples, seed, ProgressListener.NONE);
  }

  private static void divide(Matrix m, double n) {
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      d[i] /= n;
    }
  }
}
