package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zero-variance inputs (zero-norm rows before a bias-free dense layer) give finite kernels.
 * Convention (docs/MATH.md §5): a zero variance counts as orthogonal to everything (θ = π/2), so
 * the kernels are the limits of nearby nonzero variances; for ReLU Σ′ = 0 and Σ̇ = 1/4.
 */
class ZeroNormTest {
  private static final SymmetricGaussIntegrator HERMITE =
      new GaussIntegratorFactory().hermite(64);

  static Stream<Arguments> cases() {
    return NonlinearityCases.all().stream()
        .flatMap(phi -> Stream.of(0.0, 0.3, 2.5).map(q -> Arguments.of(phi, q)));
  }

  @ParameterizedTest(name = "{0} with a zero variance against q={1}")
  @MethodSource("cases")
  void zeroVarianceGivesFiniteLimits(Nonlinearity phi, double q) {
    double[] zero = new double[2];
    phi.expectations(0, q, 0, zero);
    double[] swapped = new double[2];
    phi.expectations(q, 0, 0, swapped);
    assertTrue(Double.isFinite(zero[0]) && Double.isFinite(zero[1]), phi + " not finite");
    assertEquals(zero[0], swapped[0], 0.0);
    assertEquals(zero[1], swapped[1], 0.0);
    assertTrue(Double.isFinite(phi.variance(0)) && Double.isFinite(phi.derivativeVariance(0)));

    // The limit of a tiny variance ε orthogonal to the other input: Σ′ and Σ̇ move by O(√ε).
    double eps = 1e-14;
    double[] near = new double[2];
    phi.expectations(eps, q, 0, near);
    double scale = 1 + Math.abs(zero[0]) + Math.abs(zero[1]);
    assertEquals(near[0], zero[0], 1e-5 * scale, phi + " Σ′ is not the limit");
    assertEquals(near[1], zero[1], 1e-5 * scale, phi + " Σ̇ is not the limit");
  }

  /**
   * With u ≡ 0, E[φ(u)φ(v)] = φ(0)·E[φ(v)] (E[φ(v)] by 64-point Gauss–Hermite quadrature).
   * rectifiedmonomial(0) is the exception: its step has φ(0) = 0 but the limit from nonzero
   * variances is E[H(u)]·E[H(v)] = 1/4, which the convention keeps.
   */
  @ParameterizedTest(name = "{0}: Σ′(0, {1}, 0) = φ(0)·E[φ(v)]")
  @MethodSource("cases")
  void zeroVarianceIsDegenerateGaussian(Nonlinearity phi, double q) {
    double[] out = new double[2];
    phi.expectations(0, q, 0, out);
    if (phi.spec().equals("rectifiedmonomial(0)")) {
      assertEquals(0.25, out[0], 1e-15);
      return;
    }
    double mean = HERMITE.integrate(x -> phi.phi(Math.sqrt(2 * q) * x)) / Math.sqrt(Math.PI);
    assertEquals(phi.phi(0) * mean, out[0], 1e-9 * (1 + Math.abs(out[0])), phi.toString());
  }

  @Test
  void reluAtZeroNormIsZeroWithQuarterSlope() {
    double[] out = new double[2];
    Stax.relu().expectations(0, 1.7, 0, out);
    assertEquals(0.0, out[0]);
    assertEquals(0.25, out[1]);
    Stax.relu().expectations(0, 0, 0, out);
    assertEquals(0.0, out[0]);
    assertEquals(0.25, out[1]);
    assertEquals(0.0, Stax.relu().variance(0));
    assertEquals(0.25, Stax.relu().derivativeVariance(0));
  }
}
