package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact identities between the closed forms of each nonlinearity, checked to rounding:
 * Price's theorem Σ̇ = ∂Σ′/∂q12 (for Gaussian (u, v), ∂E[φ(u)φ(v)]/∂q12 = E[φ′(u)φ′(v)];
 * Price 1958), and the diagonal formulas equal the pair formula at (q, q, q).
 */
class NonlinearityIdentitiesTest {

  /** Interior covariances (|ρ| ≤ 0.9) so that a finite-difference stencil stays valid. */
  private static final List<double[]> INTERIOR = List.of(
      new double[] {1, 1, 0.5}, new double[] {1.5, 0.8, -0.7}, new double[] {2, 0.5, 0.9},
      new double[] {0.03, 0.02, 0.01}, new double[] {6, 4, -2}, new double[] {1, 3, 0});

  static Stream<Arguments> smoothCases() {
    return NonlinearityCases.all().stream()
        .filter(phi -> !NonlinearityCases.deltaDerivative(phi))
        .flatMap(phi -> INTERIOR.stream().map(c -> Arguments.of(phi, c)));
  }

  @ParameterizedTest(name = "{0}: Σ̇ = ∂Σ′/∂q12 at {1}")
  @MethodSource("smoothCases")
  void ntkFactorIsDerivativeOfNngp(Nonlinearity phi, double[] c) {
    double[] out = new double[2];
    phi.expectations(c[0], c[1], c[2], out);
    double derivative = dNngpDq12(phi, c);
    assertEquals(out[1], derivative, 1e-7 * (Math.abs(out[1]) + Math.abs(out[0]) + 1e-3),
        phi + " at " + NonlinearityCases.describe(c));
  }

  static Stream<Arguments> deltaCases() {
    return NonlinearityCases.all().stream().filter(NonlinearityCases::deltaDerivative)
        .flatMap(phi -> INTERIOR.stream().map(c -> Arguments.of(phi, c)));
  }

  /**
   * sign′ = 2δ and H′ = δ (rectifiedmonomial(0) is the step H): the distributional
   * E[φ′(u)φ′(v)] is k²·p(0, 0) with k = 2 or 1 and p(0, 0) = 1/(2π√(q11q22 − q12²)). Price's
   * theorem still ties that to Σ′, which checks Σ′'s angle dependence; the layer's NTK factor
   * is 0 instead, matching derivative() = 0 almost everywhere (neural-tangents does the same).
   */
  @ParameterizedTest(name = "{0}: ∂Σ′/∂q12 is the delta expectation at {1}")
  @MethodSource("deltaCases")
  void deltaDerivativeNonlinearities(Nonlinearity phi, double[] c) {
    double k = phi instanceof Sign ? 2 : 1;
    double density = 1 / (2 * Math.PI * Math.sqrt(c[0] * c[1] - c[2] * c[2]));
    double expected = k * k * density;
    assertEquals(expected, dNngpDq12(phi, c), 1e-7 * expected);
    double[] out = new double[2];
    phi.expectations(c[0], c[1], c[2], out);
    assertEquals(0.0, out[1]);
    assertEquals(0.0, phi.derivativeVariance(c[0]));
    assertEquals(0.0, phi.derivative(0.7));
    assertEquals(0.0, phi.derivative(-0.7));
  }

  static Stream<Arguments> diagonalCases() {
    return NonlinearityCases.all().stream().flatMap(phi -> Stream.of(0.0, 1e-9, 0.04, 1.0, 7.5)
        .map(q -> Arguments.of(phi, q)));
  }

  /** variance(q) and derivativeVariance(q) are the pair formula at q11 = q22 = q12 = q. */
  @ParameterizedTest(name = "{0}: diagonal = pair formula at q={1}")
  @MethodSource("diagonalCases")
  void diagonalIsPairFormulaOnTheDiagonal(Nonlinearity phi, double q) {
    double[] out = new double[2];
    phi.expectations(q, q, q, out);
    assertEquals(out[0], phi.variance(q), 1e-13 * Math.abs(out[0]), phi + " variance");
    assertEquals(out[1], phi.derivativeVariance(q), 1e-13 * Math.abs(out[1]),
        phi + " derivativeVariance");
  }

  /** Symmetry of the pair formula: (q11, q22, q12) and (q22, q11, q12) give the same kernels. */
  @ParameterizedTest(name = "{0}: symmetric in its two inputs at {1}")
  @MethodSource("smoothOrDeltaCases")
  void pairFormulaIsSymmetric(Nonlinearity phi, double[] c) {
    double[] a = new double[2];
    double[] b = new double[2];
    phi.expectations(c[0], c[1], c[2], a);
    phi.expectations(c[1], c[0], c[2], b);
    assertEquals(a[0], b[0], 1e-14 * (1 + Math.abs(a[0])));
    assertEquals(a[1], b[1], 1e-14 * (1 + Math.abs(a[1])));
  }

  static Stream<Arguments> smoothOrDeltaCases() {
    return Stream.concat(smoothCases(), deltaCases());
  }

  /** ∂Σ′/∂q12 by the fourth-order central difference (error O(h⁴)). */
  private static double dNngpDq12(Nonlinearity phi, double[] c) {
    double h = 1e-3 * Math.sqrt(c[0] * c[1]);
    double[] out = new double[2];
    double[] f = new double[4];
    double[] steps = {-2, -1, 1, 2};
    for (int i = 0; i < 4; i++) {
      phi.expectations(c[0], c[1], c[2] + steps[i] * h, out);
      f[i] = out[0];
    }
    double d = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h);
    assertTrue(Double.isFinite(d));
    return d;
  }
}
