package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ntk4j.linalg.Matrix;

/**
 * One random case of the kernel fuzz suite, drawn from a seed: an architecture of depth 1 to 60
 * whose hidden layers use every nonlinearity with random parameters (and sometimes a residual,
 * product or concatenation block, standard parameterization, missing biases), and inputs at
 * three scales between 1e-6 and 1e6 with ties: duplicate rows, rows scaled by ±powers of two
 * (parallel and antiparallel), zero rows, constant rows and repeated values.
 *
 * <p>Scaled copies use powers of two so that they stay exactly parallel after any rounding
 * (float32 inputs included): their angle is then 0 on every side, as for duplicates, instead
 * of the √ε an inexact copy gets.
 */
record FuzzCase(long seed, String spec, int depth, List<Matrix> inputs, Matrix second,
    int[] secondRows) {
  static final int MAX_DEPTH = 60;

  static FuzzCase of(long seed) {
    Random r = new Random(seed);
    int depth = 1 + r.nextInt(MAX_DEPTH);
    // Some cases with large weights, whose kernels overflow (then they must be refused).
    double maxWeight = r.nextDouble() < 0.15 ? 40 : 3;
    List<String> layers = new ArrayList<>();
    for (int l = 0; l < depth; l++) {
      layers.add(dense(r, 1 + r.nextInt(1024), maxWeight));
      if (r.nextDouble() < 0.12) {
        layers.add(block(r, maxWeight));
        layers.add(dense(r, 1 + r.nextInt(1024), maxWeight));   // a product is not Gaussian
      }
      layers.add(nonlinearity(r));
    }
    layers.add(dense(r, 1, maxWeight));
    int n = 8 + r.nextInt(13);
    int d = 2 + r.nextInt(9);
    Matrix base = withTies(r, n, d);
    List<Matrix> inputs = new ArrayList<>();
    for (double[] range : new double[][] {{-6, -2}, {-1, 1}, {2, 6}}) {
      double scale = Math.pow(10, range[0] + (range[1] - range[0]) * r.nextDouble());
      Matrix x = base.copy();
      for (int i = 0; i < x.data().length; i++) {
        x.data()[i] *= scale;
      }
      inputs.add(x);
    }
    // X2 for a rectangular request: some rows of the moderate X1 (equal rows on both sides)
    // and some new ones.
    int m = 3 + r.nextInt(5);
    int[] from = new int[m];
    Matrix second = Matrix.zeros(m, d);
    Matrix moderate = inputs.get(1);
    for (int j = 0; j < m; j++) {
      from[j] = r.nextBoolean() ? r.nextInt(n) : -1;
      for (int k = 0; k < d; k++) {
        second.set(j, k, from[j] >= 0 ? moderate.get(from[j], k) : r.nextGaussian());
      }
    }
    return new FuzzCase(seed, String.join(", ", layers), depth, inputs, second, from);
  }

  /** w_std log-uniform in [0.3, maxWeight]. */
  private static String dense(Random r, int width, double maxWeight) {
    StringBuilder s = new StringBuilder("dense(").append(width).append(", w_std=")
        .append(num(Math.exp(Math.log(0.3) + (Math.log(maxWeight) - Math.log(0.3))
            * r.nextDouble())));
    if (r.nextDouble() < 0.7) {
      s.append(", b_std=").append(num(r.nextDouble()));
    }
    if (r.nextDouble() < 0.2) {
      s.append(", parameterization=standard");
    }
    return s.append(')').toString();
  }

  /** A block after a dense layer (Gaussian input) whose fan-in is exact: branches end in dense. */
  private static String block(Random r, double maxWeight) {
    String phi = nonlinearity(r);
    int width = 1 + r.nextInt(64);
    String a = "serial(" + phi + ", " + dense(r, width, maxWeight) + ")";
    String b = dense(r, width, maxWeight);
    String fanIn = new String[] {"faninsum()", "faninprod()", "faninconcat()"}[r.nextInt(3)];
    return "fanout(2), parallel(" + a + ", " + b + "), " + fanIn;
  }

  /** Every nonlinearity, with random parameters. */
  private static String nonlinearity(Random r) {
    switch (r.nextInt(14)) {
      case 0: return "relu()";
      case 1: return "leakyrelu(" + num(2 * r.nextDouble() - 1) + ")";
      case 2: return "abrelu(" + num(4 * r.nextDouble() - 2) + ", " + num(4 * r.nextDouble() - 2)
          + ")";
      case 3: return "abs()";
      case 4: return "erf(" + num(0.5 + 1.5 * r.nextDouble()) + ", " + num(0.2 + 3 * r.nextDouble())
          + ", " + num(2 * r.nextDouble() - 1) + ")";
      case 5: return "sigmoidlike()";
      case 6: return "gelu()";
      case 7: return "sin(" + num(0.5 + r.nextDouble()) + ", " + num(0.2 + 2 * r.nextDouble())
          + ", " + num(3 * r.nextDouble()) + ")";
      case 8: return "cos(" + num(0.5 + r.nextDouble()) + ", " + num(0.2 + 2 * r.nextDouble())
          + ", " + num(3 * r.nextDouble() - 1.5) + ")";
      case 9: return "rbf(" + num(0.1 + 2 * r.nextDouble()) + ")";
      case 10: return "sign()";
      case 11: return "monomial(" + r.nextInt(6) + ")";
      case 12: return "rectifiedmonomial(" + r.nextInt(3) + ")";
      default: return "gelu()";
    }
  }

  /** Gaussian rows, with duplicates, ±2^k copies, zero rows, constant rows, repeated values. */
  private static Matrix withTies(Random r, int n, int d) {
    Matrix x = Matrix.zeros(n, d);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x.set(i, k, r.nextGaussian());
      }
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double constant = r.nextGaussian();
    double a = r.nextGaussian();
    double b = r.nextGaussian();
    for (int k = 0; k < d; k++) {
      x.set(order[1], k, x.get(order[0], k));                 // duplicate
      x.set(order[2], k, 2 * x.get(order[0], k));             // parallel
      x.set(order[3], k, -0.5 * x.get(order[0], k));          // antiparallel
      x.set(order[4], k, 0.0);                                // zero row
      x.set(order[5], k, constant);                           // constant row
      x.set(order[6], k, 4 * constant);                       // and a parallel one
      x.set(order[7], k, k % 2 == 0 ? a : b);                 // repeated values
    }
    return x;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  @Override
  public String toString() {
    return "seed " + seed + ", depth " + depth + ": " + spec;
  }
}
