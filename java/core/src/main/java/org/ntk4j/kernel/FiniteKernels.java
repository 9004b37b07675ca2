package org.ntk4j.kernel;

import java.util.List;
import java.util.Locale;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.KernelBlock;
import org.ntk4j.stax.Layer;

/**
 * The finite-or-refused rule for computed kernels: a result with a NaN or an infinity (or, for a
 * float32 result, a value beyond float32's range) is never returned or written. The refusal
 * names the first bad entry, rows and columns counted from 1, and why: the top-level layer at
 * which that pair's float64 kernel first leaves the range, found by replaying the oracle's
 * formulas on that one pair.
 */
public final class FiniteKernels {
  /** The largest value a float64 result holds. */
  public static final double FLOAT64_MAX = Double.MAX_VALUE;
  /** The largest value a float32 result holds. */
  public static final double FLOAT32_MAX = Float.MAX_VALUE;

  private FiniteKernels() {}

  /**
   * Refuses {@code k} (matrices and diagonals) unless every value is finite and within ±max.
   *
   * @param max the largest value the result's precision holds ({@link #FLOAT64_MAX} or
   *     {@link #FLOAT32_MAX})
   */
  public static void require(KernelRequest request, Kernels k, double max) {
    requireDiagonals(request, max, k.nngpDiag1(), k.ntkDiag1(), k.nngpDiag2(), k.ntkDiag2());
    requireMatrix(request, max, false, k.nngp());
    requireMatrix(request, max, true, k.ntk());
  }

  /** Refuses the kernels of each input with itself (null arrays were not asked for). */
  public static void requireDiagonals(KernelRequest request, double max, double[] nngp1,
      double[] ntk1, double[] nngp2, double[] ntk2) {
    requireDiagonal(request, max, false, nngp1, false);
    requireDiagonal(request, max, true, ntk1, false);
    if (!request.isSymmetric()) {
      requireDiagonal(request, max, false, nngp2, true);
      requireDiagonal(request, max, true, ntk2, true);
    }
  }

  private static void requireDiagonal(KernelRequest request, double max, boolean ntk,
      double[] values, boolean second) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (!(Math.abs(values[i]) <= max)) {
        Matrix x = second ? request.right() : request.x1();
        throw new NonFiniteKernelException(String.format(Locale.ROOT, "the %s of %s row %d with"
            + " itself is %s: %s", name(ntk), second ? "X2" : "X1", i + 1, values[i],
            cause(request.architecture().layers(), x.row(i), x.row(i), ntk, max)));
      }
    }
  }

  private static void requireMatrix(KernelRequest request, double requested, boolean ntk,
      Matrix m) {
    if (m == null) {
      return;
    }
    // A matrix stored in float32 holds no more than float32 does, whatever was asked.
    double max = m.precision() == Precision.FLOAT32 ? Math.min(requested, FLOAT32_MAX)
        : requested;
    // get(i, j): the kernels may live in native memory, which is not copied to check them.
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        double v = m.get(i, j);
        if (!(Math.abs(v) <= max)) {
          throw refusal(request, max, ntk, i, j, v);
        }
      }
    }
  }

  /**
   * The refusal of {@code value}, the NNGP or NTK at X1 row {@code row} and X2 row {@code col}
   * (0-based here, 1-based in the message).
   */
  public static NonFiniteKernelException refusal(KernelRequest request, double max, boolean ntk,
      int row, int col, double value) {
    return new NonFiniteKernelException(String.format(Locale.ROOT, "the %s is %s at row %d,"
        + " column %d: %s", name(ntk), value, row + 1, col + 1,
        cause(request.architecture().layers(), request.x1().row(row),
            request.right().row(col), ntk, max)));
  }

  private static String name(boolean ntk) {
    return ntk ? "NTK" : "NNGP";
  }

  /**
   * Why the pair (x, y) has no finite kernel in range: the first top-level layer after which one
   * of its values (q12, q11, q22, and for the NTK Θ12, Θ11, Θ22) is not finite or beyond
   * {@code max}, in float64.
   */
  private static String cause(List<Layer> layers, double[] x, double[] y, boolean ntk,
      double max) {
    boolean float32 = max < FLOAT64_MAX;
    String fix = float32 ? "compute in float64 (--precision float64)"
        : "scale the inputs, w_std or b_std down, or use fewer layers";
    List<KernelBlock> k = List.of(inputBlock(x, y));
    String bad = firstOutOfRange(k, ntk, max);
    if (bad != null) {
      return String.format(Locale.ROOT, "the inputs' variances ‖x‖²/d already reach %s; scale"
          + " the inputs down", bad);
    }
    for (int l = 0; l < layers.size(); l++) {
      k = layers.get(l).kernel(k);
      bad = firstOutOfRange(k, ntk, max);
      if (bad != null) {
        return String.format(Locale.ROOT, "%s overflows in layer %d of %d, %s, where that"
            + " pair's kernel reaches %s; %s", float32 ? "float32" : "float64", l + 1,
            layers.size(), layers.get(l).spec(), bad, fix);
      }
    }
    if (float32) {
      return "float32 overflows inside a layer's formula although every layer's float64 value"
          + " is in range; " + fix;
    }
    throw new IllegalStateException("a backend computed a non-finite kernel where the float64"
        + " oracle's formulas give finite values");
  }

  /** The inputs of the pair as the oracle forms them: q12 = x·y/d, q11, q22, Θ = 0. */
  private static KernelBlock inputBlock(double[] x, double[] y) {
    int d = x.length;
    return new KernelBlock(1, 1, new double[] {dot(x, y)}, new double[1],
        new double[] {dot(x, x)}, new double[1], new double[] {dot(y, y)}, new double[1], d);
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += x[k] * y[k];
    }
    return s * (1.0 / x.length);
  }

  /** The first value of the branches that is not finite or beyond ±max, as text; else null. */
  private static String firstOutOfRange(List<KernelBlock> branches, boolean ntk, double max) {
    for (KernelBlock b : branches) {
      double[][] registers = ntk
          ? new double[][] {b.nngp, b.var1, b.var2, b.ntk, b.ntkDiag1, b.ntkDiag2}
          : new double[][] {b.nngp, b.var1, b.var2};
      for (double[] r : registers) {
        if (!(Math.abs(r[0]) <= max)) {
          return Double.toString(r[0]);
        }
      }
    }
    return null;
  }
}
