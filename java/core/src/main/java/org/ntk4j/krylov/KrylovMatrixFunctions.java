package org.ntk4j.krylov;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/**
 * f(A)·R for many functions f of a symmetric A at once, from one block Krylov basis started at
 * R (Saad 1992; Gallopoulos & Saad 1992 for exp; docs/MATH.md §8): with Q_m orthonormal,
 * H_m = Q_mᵀ·A·Q_m and
 * R = Q_m·C, f(A)·R ≈ Q_m·f(H_m)·C, where f(H_m) = S·diag(f(θ))·Sᵀ from the eigendecomposition
 * of the small m × m matrix H_m. Every function shares the basis: one block product per
 * iteration serves all of them (every training time t, train and test).
 *
 * <p>Error estimate (a posteriori): the change of the coefficients f(H_m)·C between two checks,
 * ‖c_m − c_m'‖/‖c_m‖ (Q is orthonormal, so this is the change of the result itself), the
 * largest over the functions. It stops when that is at most the tolerance. As Krylov
 * approximations of smooth functions converge superlinearly, the change from the previous check
 * bounds the error of the previous approximation and overestimates that of the current one.
 * When the space becomes invariant (nothing new is left to add) the result is exact.
 */
public final class KrylovMatrixFunctions {
  static final String METHOD = "block Lanczos";
  /** Below this basis size the estimate is checked after every block; above, less often. */
  private static final int CHECK_EVERY_BLOCK_UP_TO = 256;

  private KrylovMatrixFunctions() {}

  /**
   * What an evaluation computed.
   *
   * @param values f_i(A)·R for each function, N × k, in the order given
   * @param iterations block products taken
   * @param basisSize columns of the basis
   * @param estimatedError the last error estimate (0 when the space became invariant)
   * @param largestRitzValue the largest eigenvalue of H_m, a lower bound on λ_max(A)
   */
  public record Result(List<Matrix> values, int iterations, int basisSize, double estimatedError,
      double largestRitzValue) {}

  /**
   * @param la linear algebra for the small eigendecompositions (m × m)
   * @param maxBasis the most basis columns (memory: N·maxBasis doubles)
   * @throws NotConvergedException when the estimate is still above the tolerance at maxBasis
   */
  public static Result apply(RegularizedOperator a, Matrix r, List<DoubleUnaryOperator> functions,
      double tolerance, int maxBasis, LinearAlgebra la, SolverListener listener) {
    BlockKrylovBasis basis = new BlockKrylovBasis(a, r);
    int k = r.cols();
    Matrix previous = null;
    int lastCheck = 0;
    int iterations = 0;
    while (true) {
      boolean grew = basis.extend();
      if (grew) {
        iterations++;
      }
      int m = basis.size();
      boolean full = basis.columns() > maxBasis;
      if (grew && !full && m - lastCheck < Math.max(1, lastCheck / CHECK_EVERY_BLOCK_UP_TO * k)) {
        continue;
      }
      lastCheck = m;
      SymmetricEigen eigen = la.eigh(basis.projected());
      Matrix coefficients = coefficients(eigen, basis.startCoefficients(), functions, k, la);
      double error = grew ? change(coefficients, previous, k, functions.size()) : 0;
      listener.iteration(METHOD, iterations, error, tolerance);
      if (error <= tolerance) {
        List<Matrix> values = ColumnBlocks.split(basis.combine(coefficients), k);
        return new Result(values, iterations, m, error, eigen.max());
      }
      if (full) {
        throw new NotConvergedException(METHOD, iterations, error, tolerance);
      }
      previous = coefficients;
    }
  }

  /** [f_1(H)·C | f_2(H)·C | …], m × (functions · k). */
  private static Matrix coefficients(SymmetricEigen eigen, Matrix c,
      List<DoubleUnaryOperator> functions, int k, LinearAlgebra la) {
    Matrix s = eigen.vectors();
    Matrix projected = la.multiplyTransposeA(s, c);
    double[] theta = eigen.values();
    int m = theta.length;
    Matrix scaled = Matrix.zeros(m, functions.size() * k);
    for (int f = 0; f < functions.size(); f++) {
      for (int i = 0; i < m; i++) {
        double fi = functions.get(f).applyAsDouble(theta[i]);
        for (int col = 0; col < k; col++) {
          scaled.set(i, f * k + col, fi * projected.get(i, col));
        }
      }
    }
    return la.multiply(s, scaled);
  }

  /** max over functions of ‖c − c'‖/‖c‖, with c' padded by zeros (∞ when there is no c'). */
  private static double change(Matrix c, Matrix previous, int k, int functions) {
    if (previous == null) {
      return Double.POSITIVE_INFINITY;
    }
    double worst = 0;
    for (int f = 0; f < functions; f++) {
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < c.rows(); i++) {
        for (int col = f * k; col < (f + 1) * k; col++) {
          double v = c.get(i, col);
          double p = i < previous.rows() ? previous.get(i, col) : 0;
          diff += (v - p) * (v - p);
          norm += v * v;
        }
      }
      worst = Math.max(worst, norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY)
          : Math.sqrt(diff / norm));
    }
    return worst;
  }
}
