package org.ntk4j.krylov;

import java.util.Locale;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * M = L·Lᵀ + δ·I for a low-rank factor L of K (pivoted Cholesky: the Nyström approximation on
 * the pivots) and δ the regularizer's shift, so that M ≈ K + σ·I. By the Woodbury identity
 * M⁻¹·R = (R − L·(δ·I + Lᵀ·L)⁻¹·Lᵀ·R)/δ: two N × r × k products and an r × r Cholesky solve
 * per application, after one Lᵀ·L and one r × r factorization. Without a regularizer (σ = 0)
 * δ is the factor's mean residual diagonal tr(K − L·Lᵀ)/N, the size of what L leaves out.
 */
public final class LowRankPreconditioner implements Preconditioner {
  private final LinearAlgebra la;
  private final Matrix lower;
  private final double delta;
  private final Matrix coreCholesky;
  private final PivotedCholesky.Factor factor;

  private LowRankPreconditioner(LinearAlgebra la, PivotedCholesky.Factor factor, double delta) {
    this.la = la;
    this.factor = factor;
    this.lower = factor.lower();
    this.delta = delta;
    Matrix core = la.multiplyTransposeA(lower, lower);
    for (int i = 0; i < core.rows(); i++) {
      core.set(i, i, core.get(i, i) + delta);
    }
    this.coreCholesky = la.cholesky(core);
  }

  /**
   * @param shift σ, the diagonal regularizer's shift of the system being solved
   */
  public static LowRankPreconditioner of(LinearAlgebra la, PivotedCholesky.Factor factor,
      double shift) {
    int n = factor.lower().rows();
    double leftOut = factor.residualTrace() / n;
    double delta = shift > 0 ? shift : Math.max(leftOut, 1e-12 * factor.trace() / n);
    return new LowRankPreconditioner(la, factor, delta);
  }

  public int rank() {
    return lower.cols();
  }

  @Override
  public Matrix apply(Matrix r) {
    if (rank() == 0) {
      Matrix out = r.copy();
      scale(out.data(), 1 / delta);
      return out;
    }
    Matrix w = la.solveWithCholesky(coreCholesky, la.multiplyTransposeA(lower, r));
    Matrix lw = la.multiply(lower, w);
    double[] out = lw.data();
    double[] in = r.data();
    for (int i = 0; i < out.length; i++) {
      out[i] = (in[i] - out[i]) / delta;
    }
    return lw;
  }

  private static void scale(double[] a, double s) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= s;
    }
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "rank-%d pivoted Cholesky (leaves %.2e of the trace)",
        rank(), factor.trace() == 0 ? 0 : factor.residualTrace() / factor.trace());
  }
}
