package org.ntk4j.krylov;

import java.util.Random;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/**
 * The largest eigenvalue of a symmetric positive semi-definite A by Lanczos from a seeded random
 * start, without an eigendecomposition of A: the largest Ritz value θ of H_m = Q_mᵀ·A·Q_m is a
 * lower bound that converges from below (Kaniel–Paige; docs/MATH.md §8), and with s its Ritz
 * vector the residual
 * ρ = ‖A·Q_m·s − θ·Q_m·s‖ = ‖E·s‖ ({@link BlockKrylovBasis#coupling()}) says that some
 * eigenvalue of A lies within ρ of θ. It is λ_max unless the start vector is nearly orthogonal
 * to its eigenvector, which the random start makes unlikely but does not exclude: ρ is a
 * convergence measure, not a proven bound on λ_max.
 */
public final class LanczosEigenvalue {
  static final String METHOD = "Lanczos (largest eigenvalue)";

  private LanczosEigenvalue() {}

  /**
   * @param value θ, the largest Ritz value
   * @param bound ρ, the Ritz residual: an eigenvalue lies within ρ of θ
   * @param iterations products A·v taken
   */
  public record Estimate(double value, double bound, int iterations) {}

  /**
   * @param tolerance stop when ρ ≤ tolerance·θ
   * @param maxIterations the most products (and basis vectors)
   */
  public static Estimate largest(RegularizedOperator a, double tolerance, int maxIterations,
      long seed, LinearAlgebra la, SolverListener listener) {
    int n = a.size();
    Random random = new Random(seed);
    double[] start = new double[n];
    for (int j = 0; j < n; j++) {
      start[j] = random.nextGaussian();
    }
    BlockKrylovBasis basis = new BlockKrylovBasis(a, new Matrix(n, 1, start));
    int iterations = 0;
    while (true) {
      boolean grew = basis.extend();
      iterations += grew ? 1 : 0;
      SymmetricEigen eigen = la.eigh(basis.projected());
      int top = eigen.values().length - 1;
      double theta = eigen.values()[top];
      Matrix s = Matrix.zeros(top + 1, 1);
      for (int i = 0; i <= top; i++) {
        s.set(i, 0, eigen.vectors().get(i, top));
      }
      Matrix coupling = basis.coupling();
      double rho = coupling.rows() == 0 ? 0 : la.multiply(coupling, s).frobeniusNorm();
      double error = theta > 0 ? rho / theta : rho;
      listener.iteration(METHOD, iterations, error, tolerance);
      if (error <= tolerance || !grew) {
        return new Estimate(theta, rho, iterations);
      }
      if (iterations >= maxIterations) {
        throw new NotConvergedException(METHOD, iterations, error, tolerance);
      }
    }
  }
}
