package org.ntk4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.LayerType;
import org.ntk4j.stax.Stax;

/**
 * What {@code ntk4j selftest} checks: one small architecture per layer kind (every registered
 * nonlinearity with its example arguments, every combinator, both parameterizations) and random
 * inputs with a zero row.
 */
final class SelftestCases {
  private SelftestCases() {}

  /** Label (one word, for --layers) → architecture spec, in table order. */
  static Map<String, String> specs() {
    String d = "dense(64, w_std=1.5, b_std=0.05)";
    Map<String, String> m = new LinkedHashMap<>();
    m.put("relu-depth5", repeat(d + ", relu()", 5) + ", " + d);
    for (LayerType type : Stax.layerTypes()) {
      if (type.example() != null) {
        m.put(type.name(), d + ", " + type.example() + ", " + d);
      }
    }
    m.put("standard-param", "dense(64, w_std=1.3, b_std=0.1, parameterization=standard), relu(),"
        + " dense(8, w_std=1.3, b_std=0.1, parameterization=standard)");
    m.put("fanout-faninsum", d + ", fanout(2), parallel(serial(relu(), " + d + "), identity()),"
        + " faninsum(), relu(), " + d);
    m.put("faninprod", d + ", fanout(2), parallel(serial(" + d + ", erf(), " + d + "), serial("
        + d + ", relu())), faninprod(), " + d);
    m.put("faninconcat", d + ", fanout(2), parallel(serial(dense(32, w_std=1.5), relu()),"
        + " serial(dense(96, w_std=1.2), gelu())), faninconcat(), " + d);
    return m;
  }

  private static String repeat(String s, int times) {
    return String.join(", ", java.util.Collections.nCopies(times, s));
  }

  static Architecture architecture(String spec) {
    return Architecture.parse(spec);
  }

  /** Gaussian rows scaled by 1/2..2 so variances differ; row 0 all zeros (a zero-norm input). */
  static Matrix inputs(int rows, int cols, Random random) {
    double[] x = new double[rows * cols];
    for (int i = 1; i < rows; i++) {
      double scale = 0.5 + 1.5 * random.nextDouble();
      for (int k = 0; k < cols; k++) {
        x[i * cols + k] = scale * random.nextGaussian();
      }
    }
    return new Matrix(rows, cols, x);
  }
}
