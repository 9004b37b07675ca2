package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * elementwise(φ) against the closed forms of the same φ: exact (to rounding) where the
 * quadrature is exact, i.e. for polynomials of degree below the number of points (the
 * integrand φ(u)φ(v) then has degree below 2m in each variable), and
 * converging with the number of points otherwise; and its rule itself.
 */
class ElementwiseNumericalTest {
  private static final List<double[]> COVARIANCES = List.of(
      new double[] {1, 1, 0.5}, new double[] {1.5, 0.8, -0.7}, new double[] {2, 0.5, 0.999},
      new double[] {0, 2, 0}, new double[] {0, 0, 0}, new double[] {0.02, 0.01, 0.004},
      new double[] {3, 3, 3});

  @Test
  void polynomialsAreExact() {
    agree(new Monomial(2), Stax.elementwise("x^2", 3), 1e-14);
    agree(new Monomial(3), Stax.elementwise("x^3", 4), 1e-14);
    agree(new Hermite(4), Stax.elementwise("(x^4 - 6*x^2 + 3) / sqrt(24)", 5), 1e-13);
    agree(new Polynomial(0.5, 1, -0.3), Stax.elementwise("0.5 + x - 0.3*x^2", 3), 1e-14);
  }

  /** Smooth entire φ that vary on the scale of the inputs converge fast. */
  @Test
  void smoothFunctionsConverge() {
    agree(Stax.sin(1, 1, 0), Stax.elementwise("sin(x)", 40), 1e-12);
    agree(Stax.cos(0.8, 1.3, -0.2), Stax.elementwise("0.8 * cos(1.3 * x - 0.2)", 40), 1e-11);
    agree(Stax.exp(1, 0.5), Stax.elementwise("exp(0.5 * x)", 40), 1e-12);
  }

  /** erf saturates, so its error falls more slowly and grows with the variance. */
  @Test
  void erfConvergesWithTheNumberOfPoints() {
    double[] out = new double[2];
    double[] exact = new double[2];
    double previous = Double.POSITIVE_INFINITY;
    for (int m : new int[] {10, 20, 40, 80}) {
      double worst = 0;
      for (double[] c : COVARIANCES) {
        Stax.elementwise("erf(x)", m).expectations(c[0], c[1], c[2], out);
        Stax.erf().expectations(c[0], c[1], c[2], exact);
        worst = Math.max(worst, Math.max(Math.abs(out[0] - exact[0]),
            Math.abs(out[1] - exact[1])));
      }
      assertTrue(worst < previous / 4, m + " points: " + worst + " after " + previous);
      previous = worst;
    }
    assertTrue(previous < 1e-5, "80 points: " + previous);
  }

  @Test
  void exactlySymmetricInTheTwoInputs() {
    Nonlinearity phi = Stax.elementwise("tanh(x) + 0.3 * x", 17);
    double[] a = new double[2];
    double[] b = new double[2];
    phi.expectations(2, 0.5, 0.7, a);
    phi.expectations(0.5, 2, 0.7, b);
    assertEquals(a[0], b[0], 0.0);
    assertEquals(a[1], b[1], 0.0);
  }

  @Test
  void theRuleIntegratesPolynomialsBelowTwiceItsPointsExactly() {
    for (int m : new int[] {1, 2, 3, 10, 25, 100}) {
      GaussHermite g = GaussHermite.of(m);
      double gamma = Math.sqrt(Math.PI); // Γ(k + 1/2), k = 0
      for (int k = 0; 2 * k < 2 * m; k++) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
          sum += g.weights[i] * Math.pow(g.nodes[i], 2 * k);
        }
        assertEquals(gamma, sum, 1e-13 * gamma, m + " points, x^" + 2 * k);
        gamma *= k + 0.5;
      }
      for (int i = 0; i < m; i++) {
        assertEquals(-g.nodes[m - 1 - i], g.nodes[i], 0.0, "nodes are symmetric");
      }
    }
    GaussHermite three = GaussHermite.of(3);
    assertEquals(Math.sqrt(1.5), three.nodes[2], 1e-15);
    assertEquals(2 * Math.sqrt(Math.PI) / 3, three.weights[1], 1e-15);
  }

  private static void agree(Nonlinearity closed, Nonlinearity quadrature, double tolerance) {
    NonlinearityCases.assertSameKernels(closed, quadrature, COVARIANCES, tolerance);
  }
}
