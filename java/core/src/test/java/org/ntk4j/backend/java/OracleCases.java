package org.ntk4j.backend.java;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ntk4j.linalg.Matrix;

/** Architectures and random inputs shared by the oracle tests. */
final class OracleCases {
  private OracleCases() {}

  /** Every nonlinearity, in the form it takes in a spec. */
  static final List<String> NONLINEARITIES = List.of(
      "relu()", "leakyrelu(0.2)", "leakyrelu(-0.6)", "abrelu(-0.3, 1.4)", "abs()", "erf()",
      "erf(0.7, 1.8, 0.3)", "sigmoidlike()", "gelu()", "sin(1, 1, 0)", "sin(1.3, 0.8, 0.4)",
      "cos(0.9, 1.2, -0.3)", "rbf(0.5)", "rbf(2)", "sign()", "monomial(0)", "monomial(1)",
      "monomial(2)", "monomial(3)", "monomial(4)", "monomial(5)", "rectifiedmonomial(0)",
      "rectifiedmonomial(1)", "rectifiedmonomial(2)", "exp(0.9, 0.3)",
      "gaussian(1.2, -0.7)", "hermite(2)", "hermite(3)",
      "polynomial([0.5, 1, -0.3])", "polynomial([0.2, -0.4, 0, 0.02])",
      "elementwise(\"x^2 - 0.5*x + 0.2\", 8)", "elementwise(\"0.5*exp(0.3*x) - x\", 30)");

  /** Two hidden layers of {@code phi}, biases in some layers, NTK parameterization. */
  static String mlp(String phi) {
    return "dense(8, w_std=1.3, b_std=0.2), " + phi + ", dense(8, w_std=0.9, b_std=0.1), "
        + phi + ", dense(1, w_std=1.1)";
  }

  /**
   * Every layer kind and combinator, each at least once, with widths that matter; all with
   * exact kernels (Architecture.requireExactKernel passes).
   */
  static final List<String> STRUCTURES = List.of(
      // residual block with an identity skip of a Gaussian branch (pre-activation form)
      "dense(512, w_std=1.5, b_std=0.05), fanout(2), parallel(serial(relu(), dense(512, "
          + "w_std=1.5)), identity()), faninsum(), relu(), dense(1, w_std=1.5, b_std=0.05)",
      // deep ReLU without biases
      "dense(8, w_std=1.4), relu(), dense(8, w_std=1.4), relu(), dense(8, w_std=1.4), relu(), "
          + "dense(8, w_std=1.4), relu(), dense(1, w_std=1.4)",
      // standard parameterization, with and without bias: n_in enters the NTK
      "dense(7, w_std=1.4, b_std=0.3, parameterization=standard), relu(), dense(5, w_std=0.8, "
          + "parameterization=standard), erf(), dense(1, w_std=1.2, b_std=0.1, "
          + "parameterization=standard)",
      // mixed parameterizations
      "dense(6, w_std=1.1, parameterization=standard), gelu(), dense(4, w_std=1.3, b_std=0.2),"
          + " sin(1, 2, 0.3), dense(3, w_std=0.7, b_std=0.4, parameterization=standard)",
      // fanout into parallel dense branches summed, then a nonlinearity of the Gaussian sum
      "dense(6, w_std=1.2, b_std=0.1), relu(), fanout(3), parallel(dense(6, w_std=1.5), "
          + "dense(6, w_std=0.5, b_std=0.2), dense(6, w_std=1.0, parameterization=standard)), "
          + "faninsum(), erf(), dense(1)",
      // product of three branches: the NTK by the product rule
      "dense(6, w_std=1.2, b_std=0.1), fanout(3), parallel(relu(), serial(erf(), dense(6, "
          + "w_std=0.7)), dense(6, w_std=1.1, b_std=0.3)), faninprod(), dense(1, w_std=1.0)",
      // concatenation of branches of different widths: width-weighted average
      "dense(6, w_std=1.2), fanout(2), parallel(serial(relu(), dense(3, w_std=1.5)), "
          + "serial(gelu(), dense(9, w_std=0.9, b_std=0.2))), faninconcat(), relu(), dense(1)",
      // concatenation with the raw input (width d) before a standard-parameterized dense
      "fanout(2), parallel(identity(), dense(5, w_std=1.1, b_std=0.2)), faninconcat(), "
          + "dense(4, w_std=1.3, parameterization=standard), relu(), dense(1, w_std=1.2)",
      // nested fanout/parallel, a non-Gaussian branch summed with an independent one
      "dense(5, w_std=1.0, b_std=0.3), fanout(2), parallel(serial(fanout(2), parallel(serial("
          + "relu(), dense(5, w_std=1.2)), sin(1, 2, 0.3)), faninsum()), dense(5, w_std=0.8)), "
          + "faninsum(), dense(1, w_std=2)",
      // a single dense layer and a bare identity network
      "dense(3, w_std=0.8, b_std=0.6)",
      "identity()",
      // fanout(1)/parallel of one, faninsum of one, serial nesting
      "serial(dense(4, w_std=1.1), fanout(1), parallel(serial(abs(), dense(4))), faninsum()), "
          + "monomial(2), dense(2, w_std=0.5, b_std=1)");

  /** All architectures the reference comparison runs on. */
  static List<String> allSpecs() {
    List<String> specs = new ArrayList<>(STRUCTURES);
    for (String phi : NONLINEARITIES) {
      specs.add(mlp(phi));
    }
    return specs;
  }

  /**
   * n × d Gaussian rows with norms spread over a decade (so variances differ), from a fixed
   * seed; no two rows (anti)parallel, the ill-conditioned case a 1e-12 comparison cannot use.
   */
  static Matrix randomInputs(int n, int d, long seed) {
    Random r = new Random(seed);
    double[] data = new double[n * d];
    for (int i = 0; i < n; i++) {
      double scale = Math.exp(r.nextDouble() * Math.log(10)) / 3;
      for (int k = 0; k < d; k++) {
        data[i * d + k] = scale * r.nextGaussian();
      }
    }
    return new Matrix(n, d, data);
  }

  /** Random inputs with rows {@code zeroRows} set to zero. */
  static Matrix withZeroRows(Matrix x, int... zeroRows) {
    Matrix m = x.copy();
    for (int i : zeroRows) {
      for (int k = 0; k < m.cols(); k++) {
        m.set(i, k, 0.0);
      }
    }
    return m;
  }
}
