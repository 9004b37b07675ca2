package org.ntk4j.krylov;

import java.util.Locale;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.kernel.operator.PanelWorkers;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * M = L·Lᵀ + δ·I for a low-rank factor L of K (pivoted Cholesky: the Nyström approximation on
 * the pivots) and δ the regularizer's shift, so that M ≈ K + σ·I. By the Woodbury identity
 * M⁻¹·R = (R − L·(δ·I + Lᵀ·L)⁻¹·Lᵀ·R)/δ (docs/MATH.md §8): two N × r × k products and an
 * r × r Cholesky solve
 * per application, after one Lᵀ·L and one r × r factorization. Without a regularizer (σ = 0)
 * δ is the factor's mean residual diagonal tr(K − L·Lᵀ)/N, the size of what L leaves out.
 *
 * <p>Lᵀ is held row-major (r × N), so Lᵀ·R is the operators' panel product and L·W is a sum of
 * rows of Lᵀ, accumulated in column blocks that stay in cache.
 */
public final class LowRankPreconditioner implements Preconditioner, AutoCloseable {
  private static final int COLUMN_BLOCK = 2048;

  private final LinearAlgebra la;
  private final Matrix lowerT;
  private final DenseKernelOperator lowerTOperator;
  private final PanelWorkers workers;
  private final double delta;
  private final Matrix coreCholesky;
  private final PivotedCholesky.Factor factor;

  private LowRankPreconditioner(LinearAlgebra la, PivotedCholesky.Factor factor, double delta,
      int threads) {
    this.la = la;
    this.factor = factor;
    this.lowerT = factor.lowerTransposed();
    this.delta = delta;
    this.lowerTOperator = DenseKernelOperator.of(lowerT, threads);
    this.workers = new PanelWorkers(threads);
    try {
      Matrix core = lowerTOperator.multiplyTransposeB(lowerT);
      for (int i = 0; i < core.rows(); i++) {
        core.set(i, i, core.get(i, i) + delta);
      }
      this.coreCholesky = la.cholesky(core);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * @param shift σ, the diagonal regularizer's shift of the system being solved
   * @param threads threads for the N × r products
   */
  public static LowRankPreconditioner of(LinearAlgebra la, PivotedCholesky.Factor factor,
      double shift, int threads) {
    int n = factor.lowerTransposed().cols();
    double leftOut = factor.residualTrace() / n;
    double delta = shift > 0 ? shift : Math.max(leftOut, 1e-12 * factor.trace() / n);
    return new LowRankPreconditioner(la, factor, delta, threads);
  }

  public int rank() {
    return lowerT.rows();
  }

  @Override
  public Matrix apply(Matrix r) {
    Matrix out = r.copy();
    double[] o = out.data();
    if (rank() > 0) {
      Matrix w = la.solveWithCholesky(coreCholesky, lowerTOperator.multiply(r));
      subtractLowerTimes(w, o);
    }
    for (int i = 0; i < o.length; i++) {
      o[i] /= delta;
    }
    return out;
  }

  /** out −= L·W (N × k), as Σ_i L[:, i]·W[i, :] over rows of Lᵀ, one column block per task. */
  private void subtractLowerTimes(Matrix w, double[] out) {
    int n = lowerT.cols();
    int k = w.cols();
    double[] lt = lowerT.data();
    workers.forEach((n + COLUMN_BLOCK - 1) / COLUMN_BLOCK, b -> {
      int j0 = b * COLUMN_BLOCK;
      int len = Math.min(COLUMN_BLOCK, n - j0);
      double[] acc = new double[k * len];
      for (int i = 0; i < rank(); i++) {
        int row = i * n + j0;
        for (int c = 0; c < k; c++) {
          double s = w.get(i, c);
          int a = c * len;
          for (int j = 0; j < len; j++) {
            acc[a + j] += s * lt[row + j];
          }
        }
      }
      for (int j = 0; j < len; j++) {
        for (int c = 0; c < k; c++) {
          out[(j0 + j) * k + c] -= acc[c * len + j];
        }
      }
    });
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "rank-%d pivoted Cholesky (leaves %.2e of the trace)",
        rank(), factor.trace() == 0 ? 0 : factor.residualTrace() / factor.trace());
  }

  @Override
  public void close() {
    lowerTOperator.close();
    workers.close();
  }
}
