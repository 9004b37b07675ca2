package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Every nonlinearity of the front end, with non-default parameters where it has any. */
final class NonlinearityCases {
  private NonlinearityCases() {}

  static List<Nonlinearity> all() {
    return List.of(
        Stax.relu(), Stax.leakyRelu(0.2), Stax.leakyRelu(-0.6), Stax.abRelu(-0.3, 1.4),
        Stax.abs(), Stax.erf(), Stax.erf(0.7, 1.8, 0.3), Stax.sigmoidLike(), Stax.gelu(),
        Stax.sin(1, 1, 0), Stax.sin(1.3, 0.8, 0.4), Stax.cos(0.9, 1.2, -0.3), Stax.rbf(0.5),
        Stax.rbf(2), Stax.sign(),
        Stax.monomial(0), Stax.monomial(1), Stax.monomial(2), Stax.monomial(3),
        Stax.monomial(4), Stax.monomial(5),
        Stax.rectifiedMonomial(0), Stax.rectifiedMonomial(1), Stax.rectifiedMonomial(2),
        Stax.exp(1, 0.5), Stax.exp(0.7, -0.3),
        Stax.gaussian(1, -1), Stax.gaussian(0.8, -0.3), Stax.gaussian(1.1, 0.01),
        Stax.hermite(0), Stax.hermite(1), Stax.hermite(2), Stax.hermite(3), Stax.hermite(4),
        Stax.polynomial(1.5), Stax.polynomial(0.5, 1, -0.3),
        Stax.polynomial(-1, 0.5, 0.2, -0.1, 0.05),
        // quadratures that are exact (polynomials) or converged (entire, slowly growing φ) at
        // every covariance here, so that the identities hold to their tolerances
        Stax.elementwise("x^3 - 0.5*x + 0.2", 8), Stax.elementwise("0.5*exp(0.3*x) - x", 30),
        Stax.elementwise("exp(-x^2/4) + 0.2*x", 60));
  }

  /**
   * Whether φ′ is a Dirac delta (sign: 2δ, rectifiedmonomial(0): δ). Then derivative() is 0
   * almost everywhere and the layer's NTK factor is 0, as in neural-tangents and as a finite
   * network's backpropagation sees it; it is not ∂Σ′/∂q12.
   */
  static boolean deltaDerivative(Nonlinearity phi) {
    return phi instanceof Sign || phi.spec().equals("rectifiedmonomial(0)");
  }

  /** Covariances (q11, q22, q12) with a name, covering the regimes the formulas branch on. */
  static List<double[]> covariances() {
    return List.of(
        new double[] {1, 1, 0.5},         // positive correlation
        new double[] {1.5, 0.8, -0.7},    // negative correlation
        new double[] {2, 0.5, 0.999},     // near-parallel (ρ = 0.999)
        new double[] {1, 2, -1.4},        // near-antiparallel (ρ ≈ −0.99)
        new double[] {1.3, 1.3, 1.3},     // exactly parallel, the diagonal
        new double[] {0.02, 0.01, 0.004}, // small variances
        new double[] {6, 4, -2},          // large variances
        new double[] {1, 3, 0});          // orthogonal
  }

  /** Σ′ and Σ̇ of both agree at each covariance to {@code tolerance}·(1 + |value|). */
  static void assertSameKernels(Nonlinearity expected, Nonlinearity actual,
      List<double[]> covariances, double tolerance) {
    double[] a = new double[2];
    double[] b = new double[2];
    for (double[] c : covariances) {
      expected.expectations(c[0], c[1], c[2], a);
      actual.expectations(c[0], c[1], c[2], b);
      String at = actual + " against " + expected + " at " + describe(c);
      assertEquals(a[0], b[0], tolerance * (1 + Math.abs(a[0])), at + ": Σ′");
      assertEquals(a[1], b[1], tolerance * (1 + Math.abs(a[1])), at + ": Σ̇");
    }
  }

  static String describe(double[] c) {
    return "q11=" + c[0] + " q22=" + c[1] + " q12=" + c[2];
  }

  /** Every nonlinearity × every covariance. */
  static Stream<Arguments> nonlinearityAndCovariance() {
    return all().stream().flatMap(phi -> covariances().stream()
        .map(c -> Arguments.of(phi, c)));
  }
}
