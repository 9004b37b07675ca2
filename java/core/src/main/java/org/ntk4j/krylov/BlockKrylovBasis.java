package org.ntk4j.krylov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/**
 * An orthonormal basis Q of the block Krylov space span{R, A·R, A²·R, …} of a symmetric A,
 * grown one block product at a time by block Lanczos with full reorthogonalization (each new
 * vector is orthogonalized twice against the whole basis, classical Gram–Schmidt twice, so Q
 * stays orthonormal to rounding and no spurious copies of converged eigenvalues appear), and the
 * projection H = Qᵀ·A·Q of A onto it. A vector that the basis already spans (to 1e-10 of its
 * norm) is dropped: the block shrinks (deflation), and when nothing new is left the space is
 * invariant and every f(A)·R it gives is exact.
 *
 * <p>With m the columns multiplied so far, A·Q_m = Q_m·H_m + Q_next·E, where Q_next are the
 * newest columns (not yet multiplied) and E their coefficients ({@link #coupling()}).
 */
final class BlockKrylovBasis {
  private static final double DROP = 1e-10;

  private final RegularizedOperator a;
  private final int n;
  private final List<double[]> q = new ArrayList<>();
  /** h.get(j)[i] = q_iᵀ·A·q_j for every column j multiplied so far and every basis column i. */
  private final List<double[]> h = new ArrayList<>();
  private final double[][] start;
  private int multiplied;

  /** Starts from the columns of r (N × k): Q₁·C = R. */
  BlockKrylovBasis(RegularizedOperator a, Matrix r) {
    this.a = a;
    this.n = r.rows();
    int k = r.cols();
    List<double[]> block = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      double[] v = new double[n];
      for (int j = 0; j < n; j++) {
        v[j] = r.get(j, c);
      }
      block.add(v);
    }
    double[][] coefficients = addOrthonormalized(block);
    this.start = coefficients;
  }

  /** Columns of Q that have been multiplied by A (the size of {@link #projected()}). */
  int size() {
    return multiplied;
  }

  /** Columns of Q, the multiplied ones and the newest block. */
  int columns() {
    return q.size();
  }

  /**
   * Multiplies the newest block by A and orthogonalizes the result into the basis.
   *
   * @return false when the block was empty (nothing new: the space is invariant)
   */
  boolean extend() {
    int from = multiplied;
    int to = q.size();
    if (from == to) {
      return false;
    }
    Matrix block = Matrix.zeros(n, to - from);
    for (int t = from; t < to; t++) {
      double[] v = q.get(t);
      for (int j = 0; j < n; j++) {
        block.set(j, t - from, v[j]);
      }
    }
    Matrix w = a.multiply(block);
    List<double[]> products = new ArrayList<>();
    for (int t = 0; t < to - from; t++) {
      double[] v = new double[n];
      for (int j = 0; j < n; j++) {
        v[j] = w.get(j, t);
      }
      products.add(v);
    }
    double[][] coefficients = addOrthonormalized(products);
    for (int t = 0; t < to - from; t++) {
      h.add(coefficients[t]);
    }
    multiplied = to;
    return true;
  }

  /**
   * Orthogonalizes each vector against the basis and the vectors before it (twice), appends
   * the ones with something new, normalized, and returns each vector's coefficients in the
   * basis as it then stands: vector t = Σ_i coefficients[t][i]·q_i.
   */
  private double[][] addOrthonormalized(List<double[]> vectors) {
    double[][] coefficients = new double[vectors.size()][];
    for (int t = 0; t < vectors.size(); t++) {
      double[] v = vectors.get(t);
      double norm = norm(v);
      double[] c = new double[q.size() + 1];
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < q.size(); i++) {
          double[] qi = q.get(i);
          double s = dot(qi, v);
          c[i] += s;
          axpy(-s, qi, v);
        }
      }
      double rest = norm(v);
      if (rest > DROP * norm && rest > 0) {
        c[q.size()] = rest;
        for (int j = 0; j < n; j++) {
          v[j] /= rest;
        }
        q.add(v);
        coefficients[t] = c;
      } else {
        coefficients[t] = Arrays.copyOf(c, q.size());
      }
    }
    return coefficients;
  }

  /** H_m = Q_mᵀ·A·Q_m (m × m), symmetrized (A is symmetric; rounding makes H nearly so). */
  Matrix projected() {
    int m = multiplied;
    Matrix out = Matrix.zeros(m, m);
    for (int j = 0; j < m; j++) {
      double[] col = h.get(j);
      for (int i = 0; i < m; i++) {
        double v = i < col.length ? col[i] : 0;
        out.set(i, j, out.get(i, j) + v / 2);
        out.set(j, i, out.get(j, i) + v / 2);
      }
    }
    return out;
  }

  /** E: the newest columns' coefficients of A·Q_m, (columns − m) × m. */
  Matrix coupling() {
    int m = multiplied;
    int next = q.size() - m;
    Matrix out = Matrix.zeros(next, m);
    for (int j = 0; j < m; j++) {
      double[] col = h.get(j);
      for (int i = 0; i < next; i++) {
        out.set(i, j, m + i < col.length ? col[m + i] : 0);
      }
    }
    return out;
  }

  /** Q_mᵀ·R (m × k): the start block's coefficients, zero below the first block. */
  Matrix startCoefficients() {
    int k = start.length;
    Matrix out = Matrix.zeros(multiplied, k);
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < Math.min(start[c].length, multiplied); i++) {
        out.set(i, c, start[c][i]);
      }
    }
    return out;
  }

  /** Q_m·C for C m × c: N × c. */
  Matrix combine(Matrix coefficients) {
    int cols = coefficients.cols();
    double[] out = new double[Math.multiplyExact(n, cols)];
    double[] column = new double[n];
    for (int c = 0; c < cols; c++) {
      Arrays.fill(column, 0);
      for (int i = 0; i < coefficients.rows(); i++) {
        axpy(coefficients.get(i, c), q.get(i), column);
      }
      for (int j = 0; j < n; j++) {
        out[j * cols + c] = column[j];
      }
    }
    return new Matrix(n, cols, out);
  }

  static double dot(double[] x, double[] y) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 4 <= x.length; j += 4) {
      s0 = Math.fma(x[j], y[j], s0);
      s1 = Math.fma(x[j + 1], y[j + 1], s1);
      s2 = Math.fma(x[j + 2], y[j + 2], s2);
      s3 = Math.fma(x[j + 3], y[j + 3], s3);
    }
    for (; j < x.length; j++) {
      s0 = Math.fma(x[j], y[j], s0);
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
  }

  /** y += s·x. */
  private static void axpy(double s, double[] x, double[] y) {
    if (s == 0) {
      return;
    }
    for (int j = 0; j < x.length; j++) {
      y[j] += s * x[j];
    }
  }
}
