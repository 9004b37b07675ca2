package org.ntk4j.experiments;

import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.LearningRates;
import org.ntk4j.predict.Metrics;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;

/** The fully-connected ReLU networks the experiments train, and their infinite-width kernels. */
final class Networks {
  static final double W_STD = 1.5;
  static final double B_STD = 0.05;

  private Networks() {}

  /**
   * {@code depth} hidden ReLU layers of the given width and a dense readout with {@code outputs}
   * units, all with σw = 1.5, σb = 0.05.
   */
  static Architecture mlp(int width, int depth, int outputs, Dense.Parameterization p) {
    StringBuilder s = new StringBuilder();
    String par = p == Dense.Parameterization.NTK ? "" : ", parameterization=standard";
    for (int l = 0; l < depth; l++) {
      s.append("dense(").append(width).append(", w_std=").append(W_STD).append(", b_std=")
          .append(B_STD).append(par).append("), relu(), ");
    }
    s.append("dense(").append(outputs).append(", w_std=").append(W_STD).append(", b_std=")
        .append(B_STD).append(par).append(')');
    return Architecture.parse(s.toString());
  }

  /** The infinite-width NNGP and NTK of X1 × X2 (X2 null: symmetric) on {@code backend}. */
  static Kernels analytic(KernelBackend backend, Architecture arch, Matrix x1, Matrix x2) {
    return backend.compute(new KernelRequest(arch, x1, x2, true, true));
  }

  /**
   * The learning rate {@code fraction}·η_crit with η_crit = 2N/λ_max(Θ) the largest rate at which
   * gradient descent on the kernel dynamics converges (N = y.size).
   */
  static double rate(Matrix ntkTrain, long ySize, double fraction) {
    return fraction * LearningRates.maxLearningRate(new JavaLinearAlgebra(), ntkTrain, ySize, 0);
  }

  /** Root mean square of a − b over all entries. */
  static double rms(Matrix a, Matrix b) {
    return Math.sqrt(Metrics.meanSquaredError(a, b));
  }

  /** Least-squares slope of log y against log x. */
  static double logLogSlope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += Math.log(x[i]) / x.length;
      my += Math.log(y[i]) / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  static double[] toDoubles(int[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
