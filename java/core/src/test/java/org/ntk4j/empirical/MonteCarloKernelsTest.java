package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

class MonteCarloKernelsTest {
  private static final int REPEATS = 24;

  /**
   * Monte Carlo kernels converge to the oracle's: the RMS relative error (over independent
   * repeats), fitted over budgets samples·width from 64 to 16384, falls with slope −½ in log-log.
   * For ReLU and for each nonlinearity added since (a check of its kernel formula end to end: a
   * wrong one leaves an error that stops falling).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"relu()", "exp(0.9, 0.3)", "gaussian(1.2, -0.7)", "hermite(2)",
      "polynomial([0.5, 1, -0.3])", "elementwise(\"tanh(x)\", 50)",
      "elementwise(\"0.5 * x + sin(x) * exp(-x^2 / 8)\", 30)"})
  void errorFallsLikeInverseSquareRootOfSamplesTimesWidth(String phi) {
    Matrix x = TestData.gaussian(6, 4, 12);
    int[][] budgets = {{1, 64}, {4, 64}, {4, 256}, {1, 1024}, {16, 256}, {16, 1024}};
    double[] logBudget = new double[budgets.length];
    double[] logNtkError = new double[budgets.length];
    double[] logNngpError = new double[budgets.length];
    long seed = 5;
    for (int b = 0; b < budgets.length; b++) {
      int samples = budgets[b][0];
      int width = budgets[b][1];
      Architecture arch = Architecture.parse("dense(" + width + ", w_std=1.5, b_std=0.1), "
          + phi + ", dense(1, w_std=1.5, b_std=0.1)");
      Kernels exact;
      try (JavaBackend backend = new JavaBackend(1)) {
        exact = backend.compute(KernelRequest.symmetric(arch, x));
      }
      double ntkSquares = 0;
      double nngpSquares = 0;
      for (int r = 0; r < REPEATS; r++) {
        MonteCarloKernels.Estimate mc = MonteCarloKernels.compute(arch, x, null, samples, seed++);
        ntkSquares += Math.pow(mc.ntk().relativeError(exact.ntk()), 2) / REPEATS;
        nngpSquares += Math.pow(mc.nngp().relativeError(exact.nngp()), 2) / REPEATS;
      }
      logBudget[b] = Math.log((double) samples * width);
      logNtkError[b] = 0.5 * Math.log(ntkSquares);
      logNngpError[b] = 0.5 * Math.log(nngpSquares);
    }
    assertEquals(-0.5, slope(logBudget, logNtkError), 0.15, "NTK error slope of " + phi);
    assertEquals(-0.5, slope(logBudget, logNngpError), 0.15, "NNGP error slope of " + phi);
  }

  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }
}
