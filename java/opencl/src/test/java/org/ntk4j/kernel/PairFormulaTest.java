package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * The pair formulas at their edges, in every backend: equal inputs anywhere in X1 and X2 (the
 * angle must be exactly 0, as for an input with itself), variances whose products leave
 * float64's (or float32's) range, and erf at variances where the textbook determinant
 * (1 + 2q11)(1 + 2q22) − 4q12² cancels, against an exact BigDecimal reference.
 */
class PairFormulaTest {
  private static final MathContext DIGITS = new MathContext(40);
  private static final BigDecimal PI =
      new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494");

  static Stream<TestedBackend> backends() {
    return TestedBackend.all().stream();
  }

  /** depth × (dense(512, w_std, b_std), nonlinearity), then the readout. */
  private static Architecture deep(int depth, String phi, double wStd, double bStd) {
    String layer = "dense(512, w_std=" + wStd + ", b_std=" + bStd + "), " + phi;
    return Architecture.parse(String.join(", ", java.util.Collections.nCopies(depth, layer))
        + ", dense(1, w_std=" + wStd + ", b_std=" + bStd + ")");
  }

  /**
   * A depth-50 erf network on N(0, 1) rows with row 11 a copy of row 10: the pair (10, 11)
   * gets the same kernels as (10, 10), bit for bit, in a symmetric request and in a
   * rectangular one whose X2 holds the copy; the matrix stays positive semidefinite. (The
   * oracle used to form the pair's Gram entry and the row norms by different sums: NTK[10, 11]
   * came out 100x off, Inf at other seeds, and the depth-40 kernel indefinite.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void duplicateRowsGetTheKernelOfAnInputWithItself(TestedBackend tested) {
    Matrix x = TestMatrices.gaussian(20, 64, 7);
    System.arraycopy(x.data(), 10 * 64, x.data(), 11 * 64, 64);
    Matrix x2 = TestMatrices.gaussian(6, 64, 8);
    System.arraycopy(x.data(), 10 * 64, x2.data(), 3 * 64, 64);
    for (int depth : new int[] {40, 50}) {
      Architecture a = deep(depth, "erf(1, 1, 0)", 3, 0.05);
      try (KernelBackend backend = tested.open()) {
        Kernels k = backend.compute(KernelRequest.symmetric(a, x));
        Kernels r = backend.compute(KernelRequest.of(a, x, x2));
        for (Matrix m : new Matrix[] {k.nngp(), k.ntk()}) {
          String what = tested + " depth " + depth;
          KernelAssertions.assertFinite(what, m.toDoubleArray());
          assertEquals(m.get(10, 10), m.get(10, 11), what + ": pair of equal rows");
          assertEquals(m.get(10, 10), m.get(11, 11), what);
          KernelAssertions.assertSymmetric(what, m);
          KernelAssertions.assertPositiveSemidefinite(what, m, 20 * 64 * tested.epsilon());
        }
        assertEquals(k.nngp().get(10, 10), r.nngp().get(10, 3), tested + " rectangular");
        assertEquals(k.ntk().get(10, 10), r.ntk().get(10, 3), tested + " rectangular");
        assertEquals(k.ntkDiag1()[10], r.ntkDiag2()[3], tested + " diagonals");
      }
    }
  }

  /**
   * A bias-free network is homogeneous: K(c·x, c·y) = c²·K(x, y). With c a power of two every
   * operation scales exactly, so the scaled kernel is c² times the unscaled one to rounding,
   * even where c²·q squared is far beyond the precision's range (c = 2^266 ≈ 1e80 in float64,
   * 2^50 ≈ 1e15 in float32); gelu, not homogeneous, must still be finite and PSD there.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void hugeVariancesNeitherOverflowNorLoseTheKernel(TestedBackend tested) {
    double c = tested.epsilon() < 1e-10 ? 0x1p266 : 0x1p50;
    Matrix x = TestMatrices.gaussian(9, 8, 3);
    Matrix scaled = x.copy();
    for (int i = 0; i < scaled.data().length; i++) {
      scaled.data()[i] *= c;
    }
    Architecture relu = Architecture.parse("dense(8, w_std=1.4), relu(), dense(8, w_std=1.2),"
        + " abs(), dense(8, w_std=1.1), sign(), dense(8, w_std=0.9), rectifiedmonomial(1),"
        + " dense(1, w_std=1.3)");
    Architecture gelu = Architecture.parse("dense(8, w_std=1.4), gelu(), dense(8, w_std=1.2,"
        + " b_std=0.1), gelu(), dense(1)");
    try (KernelBackend backend = tested.open()) {
      Kernels plain = backend.compute(KernelRequest.symmetric(relu, x));
      Kernels big = backend.compute(KernelRequest.symmetric(relu, scaled));
      // sign() makes the last two layers scale by 1 instead of c², but the rest is exact
      double[] p = plain.ntk().toDoubleArray();
      double[] b = big.ntk().toDoubleArray();
      KernelAssertions.assertFinite(tested + " scaled", b);
      double ratio = b[0] / p[0];
      assertTrue(Double.isFinite(ratio) && ratio > 0, tested + ": ratio " + ratio);
      for (int e = 0; e < p.length; e++) {
        assertEquals(p[e] * ratio, b[e], 64 * tested.epsilon() * Math.abs(p[e] * ratio),
            tested + " entry " + e);
      }
      Kernels g = backend.compute(KernelRequest.symmetric(gelu, scaled));
      for (Matrix m : new Matrix[] {g.nngp(), g.ntk()}) {
        KernelAssertions.assertFinite(tested + " gelu", m.toDoubleArray());
        KernelAssertions.assertPositiveSemidefinite(tested + " gelu", m, 100 * tested.epsilon());
      }
    }
  }

  /**
   * dense(1, w_std=1), erf(): NTK(x, y) = q12·(4/π)/√((1 + 2q11)(1 + 2q22) − 4q12²) and
   * NNGP = (2/π)·asin(2q12/√((1 + 2q11)(1 + 2q22))) (= (2/π)·atan2(2q12, √det)), at q ≈ 2e12 where the determinant's two
   * products agree in their first 12 digits. The inputs are powers of two, so q is exact and
   * the reference can be computed exactly in BigDecimal. (Before: the NTK diagonal was
   * 2.9e-4 off in float64.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void erfAtLargeVariancesMatchesAnExactReference(TestedBackend tested) {
    double big = 0x1p21;
    Matrix x = Matrix.of(new double[] {big, 0}, new double[] {big, big / 2},
        new double[] {-big / 2, big}, new double[] {big / 4, big / 8});
    Architecture a = Architecture.parse("dense(1, w_std=1), erf(1, 1, 0)");
    double tolerance = tested.epsilon() < 1e-10 ? 1e-13 : 2e-6;
    try (KernelBackend backend = tested.open()) {
      Kernels k = backend.compute(KernelRequest.symmetric(a, x));
      for (int i = 0; i < x.rows(); i++) {
        for (int j = 0; j < x.rows(); j++) {
          BigDecimal q11 = dot(x, i, i);
          BigDecimal q22 = dot(x, j, j);
          BigDecimal q12 = dot(x, i, j);
          BigDecimal two = BigDecimal.valueOf(2);
          BigDecimal p = BigDecimal.ONE.add(two.multiply(q11))
              .multiply(BigDecimal.ONE.add(two.multiply(q22)));
          BigDecimal det = p.subtract(BigDecimal.valueOf(4).multiply(q12).multiply(q12));
          double ntk = q12.multiply(BigDecimal.valueOf(4))
              .divide(PI.multiply(det.sqrt(DIGITS)), DIGITS).doubleValue();
          // asin(2q12/√P) = atan2(2q12, √det): atan2 is well conditioned where asin is not
          double nngp = 2 / Math.PI * Math.atan2(two.multiply(q12).doubleValue(),
              det.sqrt(DIGITS).doubleValue());
          String at = tested + " (" + i + ", " + j + ")";
          assertEquals(ntk, k.ntk().get(i, j), tolerance * Math.abs(ntk), at + " NTK");
          assertEquals(nngp, k.nngp().get(i, j), tolerance, at + " NNGP");
        }
      }
    }
  }

  /** x_i·x_j/d, exactly. */
  private static BigDecimal dot(Matrix x, int i, int j) {
    BigDecimal s = BigDecimal.ZERO;
    for (int k = 0; k < x.cols(); k++) {
      s = s.add(new BigDecimal(x.get(i, k)).multiply(new BigDecimal(x.get(j, k))));
    }
    return s.divide(BigDecimal.valueOf(x.cols()));
  }
}
