package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The closed-form expectations of every nonlinearity against Monte Carlo estimates over
 * correlated Gaussians built only from phi() and derivative(): Σ′ = E[φ(u)φ(v)],
 * Σ̇ = E[φ′(u)φ′(v)], variance = E[φ(u)²], derivativeVariance = E[φ′(u)²]. The tolerance is
 * five standard errors of the estimate (from the sample variance) plus a rounding slack, so a
 * wrong formula fails and sampling noise does not; the seed is fixed.
 */
class NonlinearityMonteCarloTest {
  private static final int SAMPLES = 200_000;
  private static final double SIGMAS = 5.0;
  private static final double[] Z1 = new double[SAMPLES];
  private static final double[] Z2 = new double[SAMPLES];

  static {
    Random random = new Random(20261123L);
    for (int i = 0; i < SAMPLES; i++) {
      Z1[i] = random.nextGaussian();
      Z2[i] = random.nextGaussian();
    }
  }

  @Test
  void everyRegisteredNonlinearityHasCases() {
    RegisteredNonlinearities.assertAllUsedIn("NonlinearityCases",
        NonlinearityCases.all().stream().map(Layer::spec).collect(Collectors.toList()));
  }

  static Stream<Arguments> cases() {
    return NonlinearityCases.nonlinearityAndCovariance();
  }

  @ParameterizedTest(name = "{0} NNGP at {1}")
  @MethodSource("cases")
  void nngpMatchesMonteCarlo(Nonlinearity phi, double[] c) {
    double[] exact = new double[2];
    phi.expectations(c[0], c[1], c[2], exact);
    assertClose(pairMean(phi::phi, c), exact[0], phi + " Σ′ at " + NonlinearityCases.describe(c));
  }

  @ParameterizedTest(name = "{0} NTK factor at {1}")
  @MethodSource("cases")
  void ntkFactorMatchesMonteCarlo(Nonlinearity phi, double[] c) {
    double[] exact = new double[2];
    phi.expectations(c[0], c[1], c[2], exact);
    // For sign and rectifiedmonomial(0) derivative() is 0 almost everywhere (φ′ is a delta):
    // the factor must then be exactly 0, as a finite network's backpropagation sees it.
    assertClose(pairMean(phi::derivative, c), exact[1],
        phi + " Σ̇ at " + NonlinearityCases.describe(c));
  }

  static Stream<Arguments> diagonalCases() {
    return NonlinearityCases.all().stream().flatMap(phi -> Stream.of(0.05, 1.0, 5.0)
        .map(q -> Arguments.of(phi, q)));
  }

  @ParameterizedTest(name = "{0} diagonal at q={1}")
  @MethodSource("diagonalCases")
  void diagonalMatchesMonteCarlo(Nonlinearity phi, double q) {
    double[] c = {q, q, q};
    assertClose(pairMean(phi::phi, c), phi.variance(q), phi + " variance(" + q + ")");
    assertClose(pairMean(phi::derivative, c), phi.derivativeVariance(q),
        phi + " derivativeVariance(" + q + ")");
  }

  /**
   * Monte Carlo mean and standard error of f(u)·f(v) with u = √q11·z1,
   * v = (q12/√q11)·z1 + √(q22 − q12²/q11)·z2, so that Var u = q11, Var v = q22, Cov = q12.
   */
  private static double[] pairMean(DoubleUnaryOperator f, double[] c) {
    double su = Math.sqrt(c[0]);
    double a = c[2] / su;
    double b = Math.sqrt(Math.max(c[1] - a * a, 0.0));
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < SAMPLES; i++) {
      double u = su * Z1[i];
      double v = a * Z1[i] + b * Z2[i];
      double p = f.applyAsDouble(u) * f.applyAsDouble(v);
      sum += p;
      sumSq += p * p;
    }
    double mean = sum / SAMPLES;
    double variance = Math.max(sumSq / SAMPLES - mean * mean, 0.0);
    return new double[] {mean, Math.sqrt(variance / (SAMPLES - 1))};
  }

  private static void assertClose(double[] estimate, double exact, String what) {
    double tolerance = SIGMAS * estimate[1] + 1e-12 * (1 + Math.abs(exact));
    assertTrue(Math.abs(estimate[0] - exact) <= tolerance,
        () -> what + ": closed form " + exact + ", Monte Carlo " + estimate[0] + " ± "
            + estimate[1] + " (off by " + Math.abs(estimate[0] - exact) / estimate[1]
            + " standard errors)");
  }
}
