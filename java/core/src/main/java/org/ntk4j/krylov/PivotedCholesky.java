package org.ntk4j.krylov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * Partial pivoted Cholesky of a kernel, K ≈ L·Lᵀ with L N × r: the greedy low-rank
 * approximation that GPyTorch preconditions with (Harbrecht, Peters & Schneider 2012;
 * docs/MATH.md §8). Each step
 * takes the row with the largest residual diagonal d_p = (K − L·Lᵀ)_pp as the pivot and appends
 * the column l = (K[:, p] − L·L[p, :]ᵀ)/√d_p; tr(K − L·Lᵀ) = Σ d is the error and falls
 * monotonically. Pivots are chosen in blocks (the largest residual diagonals), so the operator is
 * asked for {@code block} rows at a time (one backend request on the fly, one pass over a file);
 * inside a block they are accepted one by one, each on the updated residual, so near-duplicate
 * rows are skipped rather than dividing by a vanishing pivot.
 */
public final class PivotedCholesky {
  private PivotedCholesky() {}

  /**
   * L and what it left out.
   *
   * @param lowerTransposed Lᵀ, rank × N (row c is the c-th column of L)
   * @param pivots the rows chosen, in order
   * @param trace tr(K)
   * @param residualTrace tr(K − L·Lᵀ)
   */
  public record Factor(Matrix lowerTransposed, int[] pivots, double trace,
      double residualTrace) {
    public int rank() {
      return pivots.length;
    }
  }

  /**
   * @param maxRank the most columns of L
   * @param stopBelow stop once every residual diagonal is at most this
   * @param block rows read from the operator per request
   * @param la for the block update G −= L[S, :]·Lᵀ, one matrix product per block
   */
  public static Factor partial(KernelOperator k, int maxRank, double stopBelow, int block,
      LinearAlgebra la) {
    int n = k.rows();
    double[] d = k.diagonal().clone();
    double trace = Arrays.stream(d).sum();
    List<double[]> columns = new ArrayList<>();
    List<Integer> pivots = new ArrayList<>();
    boolean[] taken = new boolean[n];
    int limit = Math.min(maxRank, n);
    while (columns.size() < limit) {
      int[] chosen = largest(d, taken, Math.min(block, limit - columns.size()), stopBelow);
      if (chosen.length == 0) {
        break;
      }
      double[] g = k.rows(chosen).data();
      if (!columns.isEmpty()) {
        // The residual rows: K[S, :] − L[S, :]·Lᵀ.
        Matrix lt = assemble(columns, n);
        Matrix picked = Matrix.zeros(chosen.length, columns.size());
        for (int s = 0; s < chosen.length; s++) {
          for (int i = 0; i < columns.size(); i++) {
            picked.set(s, i, columns.get(i)[chosen[s]]);
          }
        }
        double[] update = la.multiply(picked, lt).data();
        for (int e = 0; e < g.length; e++) {
          g[e] -= update[e];
        }
      }
      boolean[] done = new boolean[chosen.length];
      while (columns.size() < limit) {
        int s = -1;
        for (int t = 0; t < chosen.length; t++) {
          if (!done[t] && (s < 0 || g[t * n + chosen[t]] > g[s * n + chosen[s]])) {
            s = t;
          }
        }
        if (s < 0 || !(g[s * n + chosen[s]] > stopBelow)) {
          break;
        }
        done[s] = true;
        double scale = 1 / Math.sqrt(g[s * n + chosen[s]]);
        double[] l = new double[n];
        for (int j = 0; j < n; j++) {
          l[j] = g[s * n + j] * scale;
        }
        for (int t = 0; t < chosen.length; t++) {
          if (!done[t]) {
            axpy(-l[chosen[t]], l, g, t * n, n);
          }
        }
        for (int j = 0; j < n; j++) {
          d[j] = Math.max(0, d[j] - l[j] * l[j]);
        }
        d[chosen[s]] = 0;
        taken[chosen[s]] = true;
        columns.add(l);
        pivots.add(chosen[s]);
      }
    }
    return new Factor(assemble(columns, n), pivots.stream().mapToInt(Integer::intValue).toArray(),
        trace, Arrays.stream(d).sum());
  }

  /** Up to {@code count} untaken indices with the largest d above {@code floor}, largest first. */
  private static int[] largest(double[] d, boolean[] taken, int count, double floor) {
    return java.util.stream.IntStream.range(0, d.length)
        .filter(i -> !taken[i] && d[i] > floor)
        .boxed()
        .sorted((a, b) -> Double.compare(d[b], d[a]))
        .limit(count)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** y[off..off+n) += a·x. */
  private static void axpy(double a, double[] x, double[] y, int off, int n) {
    if (a == 0) {
      return;
    }
    for (int j = 0; j < n; j++) {
      y[off + j] += a * x[j];
    }
  }

  /** Lᵀ: the columns of L as rows. */
  private static Matrix assemble(List<double[]> columns, int n) {
    int r = columns.size();
    double[] out = new double[Math.multiplyExact(n, r)];
    for (int c = 0; c < r; c++) {
      System.arraycopy(columns.get(c), 0, out, c * n, n);
    }
    return new Matrix(r, n, out);
  }
}
