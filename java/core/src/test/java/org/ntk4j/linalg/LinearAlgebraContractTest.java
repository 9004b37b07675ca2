package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LinearAlgebra} meets, checked against plain triple loops. Subclass it
 * for each implementation (device backends included) and override {@link #tolerance()} where
 * the implementation computes in lower precision.
 */
public abstract class LinearAlgebraContractTest {
  private LinearAlgebra la;

  protected abstract LinearAlgebra create();

  /** Relative agreement expected with the float64 references. */
  protected double tolerance() {
    return 1e-11;
  }

  @BeforeEach
  void open() {
    la = create();
  }

  @AfterEach
  void close() {
    if (la != null) { // null when create() skipped the test (no device here)
      la.close();
    }
  }

  /** A well-conditioned SPD matrix G·Gᵀ/n + I. */
  static Matrix spd(int n, long seed) {
    Matrix g = TestMatrices.gaussian(n, n, seed);
    Matrix a = TestMatrices.product(g, g.transpose());
    for (int i = 0; i < a.data().length; i++) {
      a.data()[i] /= n;
    }
    for (int i = 0; i < n; i++) {
      a.set(i, i, a.get(i, i) + 1);
    }
    return a;
  }

  private void assertClose(Matrix expected, Matrix actual) {
    double err = actual.relativeError(expected);
    assertTrue(err < tolerance(), "relative error " + err);
  }

  @Test
  void eighReconstructsWithAscendingValuesAndOrthonormalVectors() {
    Matrix a = spd(37, 1);
    for (int i = 0; i < 37; i++) {
      a.set(i, i, a.get(i, i) - 1.5);
    }
    Matrix before = a.copy();
    SymmetricEigen e = la.eigh(a);
    assertEquals(before.relativeError(a), 0.0, "eigh modified its argument");
    for (int i = 1; i < e.size(); i++) {
      assertTrue(e.values()[i - 1] <= e.values()[i], "not ascending at " + i);
    }
    assertTrue(e.min() < 0, "the shifted matrix has negative eigenvalues");
    Matrix v = e.vectors();
    assertClose(Matrix.identity(37), TestMatrices.product(v.transpose(), v));
    Matrix scaled = v.copy();
    for (int r = 0; r < 37; r++) {
      for (int c = 0; c < 37; c++) {
        scaled.set(r, c, v.get(r, c) * e.values()[c]);
      }
    }
    assertClose(a, TestMatrices.product(scaled, v.transpose()));
  }

  @Test
  void eighOfAKnownMatrix() {
    SymmetricEigen e = la.eigh(Matrix.of(new double[] {2, 1}, new double[] {1, 2}));
    assertArrayEquals(new double[] {1, 3}, e.values(), 3 * tolerance());
    assertEquals(Math.abs(e.vectors().get(0, 1)), Math.sqrt(0.5), tolerance());
    assertEquals(e.vectors().get(0, 1), e.vectors().get(1, 1), tolerance());
  }

  @Test
  void choleskyIsLowerAndReconstructs() {
    Matrix a = spd(50, 2);
    Matrix before = a.copy();
    Matrix l = la.cholesky(a);
    assertEquals(0.0, before.relativeError(a));
    for (int i = 0; i < 50; i++) {
      for (int j = i + 1; j < 50; j++) {
        assertEquals(0.0, l.get(i, j), "upper triangle at " + i + "," + j);
      }
    }
    assertClose(a, TestMatrices.product(l, l.transpose()));
  }

  @Test
  void choleskyOfAnIndefiniteMatrixReportsTheSmallestEigenvalue() {
    Matrix a = Matrix.of(new double[] {1, 2}, new double[] {2, 1});
    NotPositiveDefiniteException e =
        assertThrows(NotPositiveDefiniteException.class, () -> la.cholesky(a));
    assertEquals(-1.0, e.smallestEigenvalue(), Math.max(1e-12, tolerance()));
    assertTrue(e.getMessage().contains("-1.000e+00"), e.getMessage());
    assertTrue(e.getMessage().contains("--diag-reg"), e.getMessage());
  }

  @Test
  void triangularSolvesInEveryOrientation() {
    int n = 40;
    Matrix l = la.cholesky(spd(n, 3));
    Matrix u = l.transpose();
    Matrix b = TestMatrices.gaussian(n, 70, 4);
    for (Triangle tri : Triangle.values()) {
      for (boolean transpose : new boolean[] {false, true}) {
        Matrix t = tri == Triangle.LOWER ? l : u;
        Matrix x = la.solveTriangular(t, tri, transpose, b);
        Matrix applied = TestMatrices.product(transpose ? t.transpose() : t, x);
        assertClose(b, applied);
      }
    }
  }

  @Test
  void triangularSolveReadsOnlyItsTriangle() {
    Matrix l = la.cholesky(spd(10, 5));
    Matrix dirty = l.copy();
    for (int i = 0; i < 10; i++) {
      for (int j = i + 1; j < 10; j++) {
        dirty.set(i, j, 99);
      }
    }
    Matrix b = TestMatrices.gaussian(10, 3, 6);
    assertClose(la.solveTriangular(l, Triangle.LOWER, true, b),
        la.solveTriangular(dirty, Triangle.LOWER, true, b));
  }

  @Test
  void spdSolve() {
    Matrix a = spd(60, 7);
    Matrix b = TestMatrices.gaussian(60, 5, 8);
    assertClose(b, TestMatrices.product(a, la.solveSpd(a, b)));
  }

  @Test
  void productsAgreeWithLoops() {
    Matrix a = TestMatrices.gaussian(30, 20, 9);
    Matrix b = TestMatrices.gaussian(20, 25, 10);
    assertClose(TestMatrices.product(a, b), la.multiply(a, b));
    assertClose(TestMatrices.product(a, b), la.multiplyTransposeA(a.transpose(), b));
    assertClose(TestMatrices.product(a, b), la.multiplyTransposeB(a, b.transpose()));
    Matrix big = TestMatrices.gaussian(200, 150, 11);
    Matrix big2 = TestMatrices.gaussian(150, 120, 12);
    assertClose(TestMatrices.product(big, big2), la.multiply(big, big2));
  }

  @Test
  void mismatchedShapesNameBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> la.multiply(TestMatrices.gaussian(3, 4, 1), TestMatrices.gaussian(5, 2, 2)));
    assertTrue(e.getMessage().contains("(3, 4)") && e.getMessage().contains("(5, 2)"),
        e.getMessage());
  }

  @Test
  void diagonalScaledProductsEqualsOneProductPerRow() {
    Matrix left = TestMatrices.gaussian(12, 30, 13);
    Matrix factors = TestMatrices.gaussian(7, 30, 14);
    Matrix right = TestMatrices.gaussian(30, 4, 15);
    List<Matrix> all = la.diagonalScaledProducts(left, factors, right);
    assertEquals(7, all.size());
    for (int t = 0; t < 7; t++) {
      Matrix scaled = right.copy();
      for (int i = 0; i < 30; i++) {
        for (int c = 0; c < 4; c++) {
          scaled.set(i, c, right.get(i, c) * factors.get(t, i));
        }
      }
      assertClose(TestMatrices.product(left, scaled), all.get(t));
    }
  }

  @Test
  void spectralFunctionOfTheIdentityAndOfTheMatrixItself() {
    Matrix a = spd(25, 16);
    Matrix b = TestMatrices.gaussian(25, 3, 17);
    SymmetricEigen e = la.eigh(a);
    Matrix factors = Matrix.zeros(2, 25);
    for (int i = 0; i < 25; i++) {
      factors.set(0, i, 1);
      factors.set(1, i, e.values()[i]);
    }
    List<Matrix> out = la.spectralFunction(e, factors, b);
    assertClose(b, out.get(0));
    assertClose(TestMatrices.product(a, b), out.get(1));
  }
  @Test
  void choleskyInPlaceOverwritesTheLowerTriangleOnly() {
    Matrix a = spd(45, 27);
    Matrix l = la.cholesky(a);
    Matrix work = a.copy();
    la.choleskyInPlace(work);
    for (int i = 0; i < 45; i++) {
      for (int j = 0; j < 45; j++) {
        double expected = j <= i ? l.get(i, j) : a.get(i, j);
        assertEquals(expected, work.get(i, j), 10 * tolerance() * Math.abs(expected) + 1e-300,
            "at " + i + "," + j);
      }
    }
  }

  @Test
  void choleskyInPlaceOfAnIndefiniteMatrixLeavesItAsItWas() {
    Matrix a = spd(30, 28);
    a.set(17, 17, -5);
    Matrix work = a.copy();
    assertThrows(NotPositiveDefiniteException.class, () -> la.choleskyInPlace(work));
    assertEquals(0.0, work.relativeError(a));
  }

  @Test
  void eigenvaluesAloneAndByRangeMatchEigh() {
    Matrix a = spd(41, 29);
    for (int i = 0; i < 41; i++) {
      a.set(i, i, a.get(i, i) - 1.2);
    }
    double[] all = la.eigh(a).values();
    double scale = Math.abs(all[40]);
    assertArrayEquals(all, la.eigenvalues(a), 10 * tolerance() * scale);
    assertArrayEquals(new double[] {all[0]}, la.eigenvalues(a, 0, 1), 10 * tolerance() * scale);
    assertArrayEquals(java.util.Arrays.copyOfRange(all, 38, 41), la.eigenvalues(a, 38, 41),
        10 * tolerance() * scale);
    assertEquals(0, la.eigenvalues(a, 5, 5).length);
    assertThrows(IllegalArgumentException.class, () -> la.eigenvalues(a, 3, 42));
  }

  @Test
  void gramIsTheProductWithTheTranspose() {
    Matrix a = TestMatrices.gaussian(35, 22, 30);
    Matrix g = la.gram(a);
    assertClose(TestMatrices.product(a, a.transpose()), g);
    for (int i = 0; i < 35; i++) {
      for (int j = 0; j < i; j++) {
        assertEquals(g.get(i, j), g.get(j, i), "not symmetric at " + i + "," + j);
      }
    }
  }

  /** Every storage (heap float32, native float64/float32, a direct buffer) reads the same. */
  @Test
  void argumentsInEveryStorageGiveTheSameResults() {
    Matrix a = spd(33, 31);
    Matrix b = TestMatrices.gaussian(33, 4, 32);
    Matrix expectedSolve = la.solveSpd(a, b);
    Matrix expectedProduct = la.multiply(a, b);
    for (Matrix stored : storages(a)) {
      try (stored) {
        double rounding = stored.precision() == org.ntk4j.Precision.FLOAT32 ? 1e-5 : 0;
        double tol = Math.max(tolerance(), rounding);
        assertTrue(la.solveSpd(stored, b).relativeError(expectedSolve) < 10 * tol,
            stored.describe());
        assertTrue(la.multiply(stored, b).relativeError(expectedProduct) < 10 * tol,
            stored.describe());
        assertTrue(la.eigh(stored).vectors().rows() == 33, stored.describe());
      }
    }
  }

  private static List<Matrix> storages(Matrix a) {
    java.util.ArrayList<Matrix> out = new java.util.ArrayList<>();
    for (org.ntk4j.Precision p : org.ntk4j.Precision.values()) {
      out.add(a.to(p, Placement.HEAP));
      out.add(a.to(p, Placement.NATIVE));
    }
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(33 * 33 * 8)
        .order(java.nio.ByteOrder.nativeOrder());
    Matrix wrapped = Matrix.wrap(33, 33, org.ntk4j.Precision.FLOAT64, direct);
    a.copyInto(wrapped);
    out.add(wrapped);
    return out;
  }
}
