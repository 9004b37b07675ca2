package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** polynomial(coef) against the closed forms it must contain: monomials and Hermite. */
class PolynomialTest {
  private static final List<double[]> COVARIANCES = List.of(new double[] {1, 1, 0.5},
      new double[] {1.5, 0.8, -0.7}, new double[] {0, 2, 0}, new double[] {6, 4, -2},
      new double[] {0.3, 0.3, 0.3});

  @ParameterizedTest(name = "x^{0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void aSingleTermIsTheMonomial(int d) {
    double[] coef = new double[d + 1];
    coef[d] = 1;
    assertSame(new Monomial(d), new Polynomial(coef));
  }

  @ParameterizedTest(name = "He_{0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 6})
  void hermiteCoefficientsGiveHermite(int n) {
    // Heₙ(x)/√(n!) = √(n!)·Σₘ (−1)ᵐ x^{n−2m}/(m!(n−2m)!2ᵐ)
    double[] coef = new double[n + 1];
    for (int m = 0; 2 * m <= n; m++) {
      coef[n - 2 * m] = Math.sqrt(factorial(n)) * (m % 2 == 0 ? 1 : -1)
          / (factorial(m) * factorial(n - 2 * m) * Math.pow(2, m));
    }
    assertSame(new Hermite(n), new Polynomial(coef));
  }

  private static void assertSame(Nonlinearity expected, Polynomial p) {
    NonlinearityCases.assertSameKernels(expected, p, COVARIANCES, 1e-12);
    for (double x : new double[] {-1.5, 0, 0.7}) {
      assertEquals(expected.phi(x), p.phi(x), 1e-12);
      assertEquals(expected.derivative(x), p.derivative(x), 1e-12);
    }
  }

  private static double factorial(int n) {
    double f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }
}
