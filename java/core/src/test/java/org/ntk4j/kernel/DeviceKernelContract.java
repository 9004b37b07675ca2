package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.RegisteredNonlinearities;

/**
 * One contract for every device kernel backend (EJML style: subclass per backend and
 * precision): each layer and combinator, square and rectangular, symmetric and not, sizes that
 * are not multiples of the tile, zero-norm rows, and inputs repeated or scaled (angle exactly 0)
 * — all against the float64 oracle {@link JavaBackend}.
 *
 * <p>Error measure, per entry (i, j) of a kernel K: |K_dev − K_oracle| / scale with
 * scale = max(|K_oracle(i,j)|, √(K_oracle(i,i)·K_oracle(j,j))). Every kernel here is a
 * covariance (NNGP) or a sum of covariances (NTK), so by Cauchy–Schwarz √(K_ii·K_jj) bounds
 * |K_ij|: it is the natural size of the entry, and it keeps entries that cancel to nearly zero
 * from demanding impossible relative accuracy. Diagonals use |K_oracle(i,i)|.
 *
 * <p>Pairs of parallel inputs (a repeated or positively scaled row, two zero rows; not the
 * diagonal of a symmetric request, which both sides compute exactly) get {@link #parallelTolerance()}: there θ = 0, where the arc-cosine expectations
 * have an unbounded derivative in q12 (dθ/dq12 ∝ 1/s). Any earlier layer whose pair formula and
 * variance formula round differently (erf, gelu, ...) leaves q12 one ulp away from √(q11·q22),
 * which becomes θ ≈ √(2ε): two correct implementations agree there only to about √ε.
 */
public abstract class DeviceKernelContract {
  /** Rows of X1 and X2: not multiples of a 32-wide tile; two tiles and a remainder. */
  protected static final int N1 = 45;
  protected static final int N2 = 70;
  protected static final int D = 11;

  /** The backend under test, configured for tiles no larger than 32 so every size spans tiles. */
  protected abstract KernelBackend backend();

  /** Largest allowed error in units of the entry's Cauchy–Schwarz scale. */
  protected abstract double tolerance();

  /** The same for pairs of parallel inputs (θ = 0, conditioning √ε; see the class comment). */
  protected abstract double parallelTolerance();

  static Stream<String> architectures() {
    String dense = "dense(64, w_std=1.3, b_std=0.2)";
    return Stream.of(
        dense,
        "dense(64, w_std=1.3)",
        dense + ", relu(), " + dense + ", relu(), " + dense + ", relu(), " + dense
            + ", relu(), " + dense + ", relu(), dense(1, w_std=1.1, b_std=0.1)",
        "dense(64, w_std=1.5), relu(), dense(64, w_std=1.5), relu(), dense(1)",
        dense + ", leakyrelu(0.2), " + dense + ", abs(), dense(1)",
        dense + ", abrelu(-0.4, 0.9), dense(1)",
        dense + ", erf(1.2, 0.8, 0.1), " + dense + ", sigmoidlike(), dense(1)",
        dense + ", gelu(), " + dense + ", gelu(), dense(1)",
        dense + ", sin(1.1, 0.9, 0.3), " + dense + ", cos(0.8, 1.3, -0.2), dense(1)",
        dense + ", rbf(0.7), dense(1)",
        dense + ", sign(), dense(1, b_std=0.3)",
        "dense(64, w_std=1.3), sign(), dense(1)",
        dense + ", exp(0.9, 0.5), " + dense + ", exp(1.1, -0.1), dense(1)",
        dense + ", gaussian(1.2, -0.7), " + dense + ", gaussian(0.9, 0.02), dense(1)",
        dense + ", fanout(4), parallel(hermite(0), hermite(1), hermite(3), hermite(6)),"
            + " faninconcat(), dense(1)",
        dense + ", polynomial([0.5, 1, -0.3]), " + dense
            + ", polynomial([-1, 0.5, 0.2, -0.1, 0.05]), dense(1)",
        dense + ", elementwise(\"tanh(x)\", 12), " + dense + ", elementwise(\"x * erf(x) + 0.5"
            + " * sin(2 * x) - max(x, 0.3) + 0.1 * abs(x - 0.25) / (1 + x^2)\", 9), dense(1)",
        // One program per family keeps the device compilations (the cost here) few.
        dense + ", fanout(6), parallel(monomial(0), monomial(1), monomial(2), monomial(3),"
            + " monomial(4), monomial(5)), faninconcat(), dense(1)",
        dense + ", fanout(3), parallel(rectifiedmonomial(0), rectifiedmonomial(1),"
            + " rectifiedmonomial(2)), faninconcat(), dense(1)",
        "dense(64, w_std=1.4, b_std=0.1, parameterization=standard), relu(),"
            + " dense(32, w_std=1.2, parameterization=standard), relu(),"
            + " dense(1, w_std=0.9, b_std=0.3, parameterization=standard)",
        "identity(), " + dense + ", relu(), identity(), dense(1)",
        dense + ", fanout(2), parallel(serial(relu(), " + dense + "), identity()),"
            + " faninsum(), relu(), dense(1)",
        dense + ", fanout(3), parallel(relu(), serial(erf(1, 1, 0), " + dense
            + "), serial(gelu(), " + dense + ")), faninsum(), dense(1)",
        dense + ", fanout(3), parallel(serial(relu(), " + dense + "), serial(abs(),"
            + " dense(64, w_std=0.7, b_std=0.1)), sin(1, 1, 0)), faninprod(), dense(1)",
        dense + ", fanout(2), parallel(serial(relu(), dense(16, w_std=1.1)),"
            + " serial(erf(1, 1, 0), dense(48, w_std=0.8, b_std=0.1))), faninconcat(),"
            + " relu(), dense(1)",
        "fanout(2), parallel(" + dense + ", dense(64, w_std=0.5, b_std=0.5,"
            + " parameterization=standard)), faninconcat(), relu(), dense(1)");
  }

  @Test
  void everyRegisteredNonlinearityIsChecked() {
    RegisteredNonlinearities.assertAllUsedIn("DeviceKernelContract",
        architectures().collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "symmetric {0}")
  @MethodSource("architectures")
  void symmetricMatchesOracle(String spec) {
    Matrix x = inputs(N1, 1);
    check(KernelRequest.symmetric(Architecture.parse(spec), x));
  }

  @ParameterizedTest(name = "rectangular {0}")
  @MethodSource("architectures")
  void rectangularMatchesOracle(String spec) {
    Matrix x1 = inputs(N1, 2);
    Matrix x2 = inputs(N2, 3);
    // The same input on both sides, and a scaled copy: the angle between them is exactly 0.
    System.arraycopy(x1.data(), 5 * D, x2.data(), 9 * D, D);
    for (int k = 0; k < D; k++) {
      x2.set(10, k, 2 * x1.get(5, k));
    }
    check(KernelRequest.of(Architecture.parse(spec), x1, x2));
  }

  @Test
  void nngpOnlyLeavesNtkOut() {
    Architecture a = Architecture.parse("dense(8, w_std=1.5, b_std=0.1), relu(), dense(1)");
    KernelRequest r = new KernelRequest(a, inputs(N1, 4), inputs(7, 5), true, false);
    Kernels device = backend().compute(r);
    assertNull(device.ntk());
    assertNull(device.ntkDiag1());
    Kernels oracle = new JavaBackend().compute(r);
    compare("nngp", oracle.nngp(), device.nngp(), oracle.nngpDiag1(), oracle.nngpDiag2(),
        r.x1(), r.right());
  }

  @Test
  void singleRowAndSingleFeature() {
    Architecture a = Architecture.parse("dense(8, w_std=1.5, b_std=0.1), relu(), dense(1)");
    check(KernelRequest.symmetric(a, Matrix.of(new double[] {0.7})));
    check(KernelRequest.of(a, Matrix.of(new double[] {0.7}, new double[] {-2.0}),
        Matrix.of(new double[] {3.0})));
  }

  /** Gaussian rows, with row 3 all zeros (zero norm) and row 0 repeated as row 7. */
  protected static Matrix inputs(int n, long seed) {
    Random random = new Random(seed);
    Matrix x = Matrix.zeros(n, D);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < D; k++) {
        x.set(i, k, i == 3 ? 0.0 : random.nextGaussian());
      }
    }
    if (n > 7) {
      System.arraycopy(x.data(), 0, x.data(), 7 * D, D);
    }
    return x;
  }

  private void check(KernelRequest request) {
    Kernels oracle = new JavaBackend().compute(request);
    Kernels device = backend().compute(request);
    Matrix x1 = request.x1();
    Matrix x2 = request.right();
    compare("nngp", oracle.nngp(), device.nngp(), oracle.nngpDiag1(), oracle.nngpDiag2(), x1, x2);
    compare("ntk", oracle.ntk(), device.ntk(), oracle.ntkDiag1(), oracle.ntkDiag2(), x1, x2);
    compareDiagonal("nngp diagonal 1", oracle.nngpDiag1(), device.nngpDiag1());
    compareDiagonal("nngp diagonal 2", oracle.nngpDiag2(), device.nngpDiag2());
    compareDiagonal("ntk diagonal 1", oracle.ntkDiag1(), device.ntkDiag1());
    compareDiagonal("ntk diagonal 2", oracle.ntkDiag2(), device.ntkDiag2());
    if (request.isSymmetric()) {
      assertSymmetric(device.nngp());
      assertSymmetric(device.ntk());
    }
  }

  private void compare(String what, Matrix oracle, Matrix device, double[] diag1,
      double[] diag2, Matrix x1, Matrix x2) {
    assertEquals(oracle.rows(), device.rows(), what + " rows");
    assertEquals(oracle.cols(), device.cols(), what + " cols");
    for (int i = 0; i < oracle.rows(); i++) {
      for (int j = 0; j < oracle.cols(); j++) {
        double o = oracle.get(i, j);
        double scale = Math.max(Math.abs(o), Math.sqrt(Math.abs(diag1[i] * diag2[j])));
        double err = Math.abs(device.get(i, j) - o);
        // A symmetric request's own diagonal is exact on both sides (q12 = q11 bit for bit).
        boolean selfPair = x1 == x2 && i == j;
        double tol = !selfPair && parallel(x1.row(i), x2.row(j)) ? parallelTolerance()
            : tolerance();
        if (!(err <= tol * scale || err <= Double.MIN_NORMAL)) {
          fail(what + "(" + i + ", " + j + "): device " + device.get(i, j) + ", oracle " + o
              + ", error " + err / scale + " of scale " + scale + " > " + tol);
        }
      }
    }
  }

  /** Whether x and y point the same way (or are both zero). */
  private static boolean parallel(double[] x, double[] y) {
    double xy = 0;
    double xx = 0;
    double yy = 0;
    for (int k = 0; k < x.length; k++) {
      xy += x[k] * y[k];
      xx += x[k] * x[k];
      yy += y[k] * y[k];
    }
    if (xx == 0 || yy == 0) {
      return xx == yy;
    }
    return xy >= (1 - 1e-12) * Math.sqrt(xx * yy);
  }

  private void compareDiagonal(String what, double[] oracle, double[] device) {
    assertEquals(oracle.length, device.length, what + " length");
    for (int i = 0; i < oracle.length; i++) {
      double err = Math.abs(device[i] - oracle[i]);
      if (!(err <= tolerance() * Math.abs(oracle[i]) || err <= Double.MIN_NORMAL)) {
        fail(what + "[" + i + "]: device " + device[i] + ", oracle " + oracle[i]);
      }
    }
  }

  private static void assertSymmetric(Matrix m) {
    Matrix t = m.transpose();
    assertArrayEquals(m.data(), t.data(), 0.0, "a symmetric request gives a symmetric matrix");
  }
}
