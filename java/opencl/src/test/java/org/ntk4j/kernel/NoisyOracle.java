package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.KernelBlock;
import org.ntk4j.stax.Layer;

/**
 * The oracle's layer formulas over all pairs of X, with a relative perturbation of ±eps
 * injected into every value after every top-level layer: an estimate of how much rounding of
 * that size, anywhere in the network, can move the result. Deep networks amplify it (the
 * chaotic phase), and nearly parallel inputs, which most deep networks make of any two inputs,
 * turn an absolute error ε in their correlation into a relative √ε in θ. Equal rows get equal
 * perturbations, so their pairs stay exact as in the backends.
 */
final class NoisyOracle {
  private NoisyOracle() {}

  /**
   * The largest change of any NNGP or NTK entry, relative to its Cauchy–Schwarz scale
   * max(|K_ij|, √(K_ii·K_jj)), between the clean evaluation and perturbed ones.
   */
  static double sensitivity(Architecture a, Matrix x, double eps, long seed) {
    double[][] clean = evaluate(a, x, 0, null);
    double worst = 0;
    for (int trial = 0; trial < 2; trial++) {
      double[][] noisy = evaluate(a, x, eps, new Random(seed + trial));
      for (int kernel = 0; kernel < 2; kernel++) {
        worst = Math.max(worst, relativeChange(clean[kernel], noisy[kernel], x.rows()));
      }
    }
    return worst;
  }

  private static double relativeChange(double[] a, double[] b, int n) {
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double scale = Math.max(Math.abs(a[i * n + j]),
            Math.sqrt(Math.abs(a[i * n + i] * a[j * n + j])));
        double change = Math.abs(b[i * n + j] - a[i * n + j]);
        if (!(change <= Double.MIN_NORMAL)) {
          worst = Math.max(worst, scale > 0 ? change / scale : Double.POSITIVE_INFINITY);
        }
      }
    }
    return worst;
  }

  /** {NNGP, NTK}, n × n row-major; random perturbations of ±eps when {@code r} is given. */
  private static double[][] evaluate(Architecture a, Matrix x, double eps, Random r) {
    int n = x.rows();
    int d = x.cols();
    int[] rowClass = new int[n];
    for (int i = 0; i < n; i++) {
      rowClass[i] = i;
      for (int j = 0; j < i; j++) {
        if (Arrays.equals(x.row(i), x.row(j))) {
          rowClass[i] = rowClass[j];
          break;
        }
      }
    }
    double[] gram = new double[n * n];
    double[] var = new double[n];
    for (int i = 0; i < n; i++) {
      var[i] = dot(x.row(i), x.row(i), d);
      for (int j = 0; j < n; j++) {
        gram[i * n + j] = dot(x.row(i), x.row(j), d);
      }
    }
    List<KernelBlock> k = List.of(new KernelBlock(n, n, gram, new double[n * n], var,
        new double[n], var.clone(), new double[n], d));
    for (Layer layer : a.layers()) {
      k = layer.kernel(k);
      if (r != null) {
        List<KernelBlock> perturbed = new ArrayList<>();
        for (KernelBlock b : k) {
          perturb(b.nngp, b.var1, b.var2, rowClass, eps, r);
          perturb(b.ntk, b.ntkDiag1, b.ntkDiag2, rowClass, eps, r);
          perturbed.add(b);
        }
        k = perturbed;
      }
    }
    KernelBlock out = k.get(0);
    return new double[][] {out.nngp, out.ntk};
  }

  /**
   * Pairs and diagonals times (1 + eps·u): u symmetric in (i, j), and shared by a class of
   * equal rows for its pairs and its diagonal alike.
   */
  private static void perturb(double[] pairs, double[] diag1, double[] diag2, int[] rowClass,
      double eps, Random r) {
    int n = diag1.length;
    double[] classFactor = new double[n];
    for (int i = 0; i < n; i++) {
      classFactor[i] = 1 + eps * (2 * r.nextDouble() - 1);
    }
    for (int i = 0; i < n; i++) {
      diag1[i] *= classFactor[rowClass[i]];
      diag2[i] *= classFactor[rowClass[i]];
      for (int j = i; j < n; j++) {
        double f = rowClass[i] == rowClass[j] ? classFactor[rowClass[i]]
            : 1 + eps * (2 * r.nextDouble() - 1);
        pairs[i * n + j] *= f;
        if (j != i) {
          pairs[j * n + i] *= f;
        }
      }
    }
  }

  private static double dot(double[] x, double[] y, int d) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      s += x[k] * y[k];
    }
    return s * (1.0 / d);
  }
}
