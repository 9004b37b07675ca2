package org.ntk4j.krylov;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NotPositiveDefiniteException;

/**
 * Solves A·X = B for a symmetric positive definite A and every column of B at once:
 * preconditioned conjugate gradients run per column (each its own step sizes, as GPyTorch's
 * batched CG) with one block product A·P per iteration for all columns still running, so K is
 * read once per iteration whatever the number of outputs. Per column c, from x = 0:
 * <pre>
 *   r = b, z = M⁻¹r, p = z;  repeat: q = A·p, α = rᵀz/pᵀq, x += α·p, r −= α·q,
 *   z = M⁻¹r, β = r'ᵀz'/rᵀz, p = z + β·p
 * </pre>
 * (Hestenes & Stiefel 1952; docs/MATH.md §8). A column stops when ‖r‖/‖b‖ ≤ tolerance; the
 * reported residuals are recomputed from B − A·X at the end (one more product), not the
 * recurrence's. A direction with
 * pᵀ·A·p ≤ 0 proves A is not positive definite; running out of iterations is refused too
 * ({@link NotConvergedException}).
 */
public final class BlockConjugateGradient {
  static final String METHOD = "conjugate gradients";

  private BlockConjugateGradient() {}

  /**
   * What a solve did.
   *
   * @param solution X, N × k
   * @param iterations block products A·P taken
   * @param relativeResiduals ‖b − A·x‖/‖b‖ per column, recomputed at the end
   * @param history the largest recurrence residual over the columns after each iteration
   */
  public record Result(Matrix solution, int iterations, double[] relativeResiduals,
      double[] history) {
    public double maxRelativeResidual() {
      double m = 0;
      for (double r : relativeResiduals) {
        m = Math.max(m, r);
      }
      return m;
    }
  }

  public static Result solve(RegularizedOperator a, Matrix b, Preconditioner m, double tolerance,
      int maxIterations, SolverListener listener) {
    int n = b.rows();
    int k = b.cols();
    if (n != a.size()) {
      throw new IllegalArgumentException("A is " + a.size() + "x" + a.size() + " but B has shape "
          + b.shape());
    }
    Matrix x = Matrix.zeros(n, k);
    Matrix r = b.copy();
    Matrix z = m.apply(r);
    Matrix p = z.copy();
    double[] rho = new double[k];
    double[] bNorm = new double[k];
    double[] residual = new double[k];
    List<Integer> active = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      bNorm[c] = Math.sqrt(dot(b, c, b, c));
      rho[c] = dot(r, c, z, c);
      residual[c] = bNorm[c] == 0 ? 0 : 1;
      if (residual[c] > tolerance) {
        active.add(c);
      }
    }
    List<Double> history = new ArrayList<>();
    int iterations = 0;
    while (!active.isEmpty() && iterations < maxIterations) {
      int[] cols = active.stream().mapToInt(Integer::intValue).toArray();
      Matrix q = a.multiply(columns(p, cols));
      iterations++;
      for (int i = 0; i < cols.length; i++) {
        int c = cols[i];
        double pq = dot(p, c, q, i);
        if (Double.isNaN(pq) || Double.isInfinite(pq)) {
          throw new InvalidInputException("a product with the kernel gave " + pq + " at"
              + " iteration " + (iterations) + ": the kernel or the targets hold NaN or"
              + " infinite values");
        }
        if (!(pq > 0)) {
          throw NotPositiveDefiniteException.fromDirection(n, pq / dot(p, c, p, c));
        }
        double alpha = rho[c] / pq;
        axpy(alpha, p, c, x, c);
        axpy(-alpha, q, i, r, c);
        residual[c] = Math.sqrt(dot(r, c, r, c)) / bNorm[c];
      }
      double worst = 0;
      for (double v : residual) {
        worst = Math.max(worst, v);
      }
      history.add(worst);
      listener.iteration(METHOD, iterations, worst, tolerance);
      active.removeIf(c -> residual[c] <= tolerance);
      if (active.isEmpty()) {
        break;
      }
      cols = active.stream().mapToInt(Integer::intValue).toArray();
      Matrix zActive = m.apply(columns(r, cols));
      for (int i = 0; i < cols.length; i++) {
        int c = cols[i];
        double rhoNew = dot(r, c, zActive, i);
        double beta = rhoNew / rho[c];
        rho[c] = rhoNew;
        for (int j = 0; j < n; j++) {
          p.set(j, c, zActive.get(j, i) + beta * p.get(j, c));
        }
      }
    }
    if (!active.isEmpty()) {
      double worst = 0;
      for (double v : residual) {
        worst = Math.max(worst, v);
      }
      throw new NotConvergedException(METHOD, iterations, worst, tolerance);
    }
    Matrix ax = a.multiply(x);
    double[] finalResidual = new double[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        double e = b.get(j, c) - ax.get(j, c);
        s += e * e;
      }
      finalResidual[c] = bNorm[c] == 0 ? 0 : Math.sqrt(s) / bNorm[c];
    }
    return new Result(x, iterations, finalResidual,
        history.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The given columns of m as an N × cols.length matrix. */
  private static Matrix columns(Matrix m, int[] cols) {
    int n = m.rows();
    Matrix out = Matrix.zeros(n, cols.length);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < cols.length; i++) {
        out.set(j, i, m.get(j, cols[i]));
      }
    }
    return out;
  }

  private static double dot(Matrix a, int ca, Matrix b, int cb) {
    double s = 0;
    for (int j = 0; j < a.rows(); j++) {
      s += a.get(j, ca) * b.get(j, cb);
    }
    return s;
  }

  /** y[:, cy] += s·x[:, cx]. */
  private static void axpy(double s, Matrix x, int cx, Matrix y, int cy) {
    for (int j = 0; j < x.rows(); j++) {
      y.set(j, cy, y.get(j, cy) + s * x.get(j, cx));
    }
  }
}
