package org.ntk4j.stax;

/**
 * The m-point Gauss–Hermite rule ∫ f(x)·e^{−x²} dx ≈ Σᵢ wᵢ·f(xᵢ), exact for polynomials of
 * degree below 2m. The nodes are the roots of the Hermite polynomial Hₘ, found by bracketing
 * sign changes and bisecting, with the orthonormal recurrence p₀ = π^{−1/4},
 * pₖ₊₁ = √(2/(k+1))·x·pₖ − √(k/(k+1))·pₖ₋₁ (well scaled, so no overflow for m ≤ 100); the
 * weights are the Christoffel numbers wᵢ = 1/Σₖ₌₀^{m−1} pₖ(xᵢ)² (Golub &amp; Welsch 1969).
 */
final class GaussHermite {
  static final int MAX_POINTS = 100;

  /** Ascending nodes. */
  final double[] nodes;
  final double[] weights;

  private GaussHermite(double[] nodes, double[] weights) {
    this.nodes = nodes;
    this.weights = weights;
  }

  static GaussHermite of(int m) {
    if (m < 1 || m > MAX_POINTS) {
      throw new IllegalArgumentException("Gauss–Hermite points must be 1.." + MAX_POINTS);
    }
    double[] roots = new double[m];
    int found = 0;
    // all roots lie in (−√(2m+1), √(2m+1)) and are at least ~π/√(2m+1) apart
    double end = Math.sqrt(2.0 * m + 1);
    double step = Math.PI / (16 * end);
    double a = m % 2 == 1 ? step : 0;
    double fa = p(m, a)[0];
    for (double b = a + step; b < end + step && found < m / 2; b += step) {
      double fb = p(m, b)[0];
      if (fa == 0 || (fa < 0) != (fb < 0)) {
        roots[found++] = fa == 0 ? a : bisect(m, a, b);
      }
      a = b;
      fa = fb;
    }
    if (found != m / 2) {
      throw new IllegalStateException("found " + found + " of " + m / 2 + " positive roots");
    }
    double[] nodes = new double[m];
    double[] weights = new double[m];
    for (int i = 0; i < found; i++) {
      nodes[m / 2 + m % 2 + i] = roots[i];
      nodes[m / 2 - 1 - i] = -roots[i];
    }
    for (int i = 0; i < m; i++) {
      weights[i] = 1 / p(m, nodes[i])[1];
    }
    return new GaussHermite(nodes, weights);
  }

  private static double bisect(int m, double a, double b) {
    double fa = p(m, a)[0];
    for (int i = 0; i < 200 && a < b; i++) {
      double mid = (a + b) / 2;
      if (mid <= a || mid >= b) {
        break;
      }
      double fm = p(m, mid)[0];
      if (fm == 0) {
        return mid;
      }
      if ((fm < 0) == (fa < 0)) {
        a = mid;
        fa = fm;
      } else {
        b = mid;
      }
    }
    return (a + b) / 2;
  }

  /** {pₘ(x), Σₖ₌₀^{m−1} pₖ(x)²} of the orthonormal Hermite polynomials. */
  private static double[] p(int m, double x) {
    double previous = 0;
    double current = Math.pow(Math.PI, -0.25);
    double squares = 0;
    for (int k = 0; k < m; k++) {
      squares += current * current;
      double next = Math.sqrt(2.0 / (k + 1)) * x * current - Math.sqrt((double) k / (k + 1))
          * previous;
      previous = current;
      current = next;
    }
    return new double[] {current, squares};
  }
}
