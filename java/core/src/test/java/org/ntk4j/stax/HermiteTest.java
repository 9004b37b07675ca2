package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hermite(n) against neural-tangents' Hermite, whose kernel q12ⁿ (NTK factor n·q12ⁿ⁻¹) holds
 * for unit variances, the case it documents; and φ against the textbook polynomials.
 */
class HermiteTest {

  @ParameterizedTest(name = "degree {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 7})
  void unitVariancesGiveNeuralTangentsPowers(int n) {
    double[] out = new double[2];
    for (double q12 : new double[] {-0.9, -0.3, 0, 0.4, 1}) {
      new Hermite(n).expectations(1, 1, q12, out);
      assertEquals(Math.pow(q12, n), out[0], 1e-15);
      assertEquals(n == 0 ? 0 : n * Math.pow(q12, n - 1), out[1], 1e-14);
    }
  }

  @ParameterizedTest(name = "x = {0}")
  @ValueSource(doubles = {-2.5, -1, 0, 0.3, 1.7})
  void phiIsTheNormalizedProbabilistsPolynomial(double x) {
    assertEquals(1, new Hermite(0).phi(x), 1e-15);
    assertEquals(x, new Hermite(1).phi(x), 1e-15);
    assertEquals((x * x - 1) / Math.sqrt(2), new Hermite(2).phi(x), 1e-14);
    assertEquals((x * x * x - 3 * x) / Math.sqrt(6), new Hermite(3).phi(x), 1e-14);
    assertEquals((Math.pow(x, 4) - 6 * x * x + 3) / Math.sqrt(24), new Hermite(4).phi(x),
        1e-13);
    assertEquals((3 * x * x - 3) / Math.sqrt(6), new Hermite(3).derivative(x), 1e-14);
  }
}
