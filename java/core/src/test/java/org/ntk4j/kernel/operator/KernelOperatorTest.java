package org.ntk4j.kernel.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.Placement;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * Every operator kind gives K·V, K's rows and its diagonal as the plain triple-loop product of
 * the matrix it holds: shapes chosen to cover several row panels (N = 1030 float64 rows are 3
 * panels), a column block boundary
 * (2100 > 2048 columns), row groups that are not multiples of four and an odd number of
 * right-hand sides.
 */
class KernelOperatorTest {
  static final Architecture NET = Architecture.parse(
      "dense(16, w_std=1.5, b_std=0.1), relu(), dense(16, w_std=1.5, b_std=0.1), relu(),"
          + " dense(1, w_std=1.5, b_std=0.1)");

  @TempDir Path dir;

  private final JavaBackend backend = new JavaBackend(2);

  /** K·V of every operator equals the reference product to float64 rounding. */
  private static void assertProducts(KernelOperator op, Matrix k) {
    for (int cols : new int[] {1, 3, 4}) {
      Matrix v = TestMatrices.gaussian(k.cols(), cols, 10 + cols);
      Matrix got = op.multiply(v);
      double err = got.relativeError(TestMatrices.product(k, v));
      assertTrue(err < 1e-13, op.description() + ", k = " + cols + ": relative error " + err);
    }
    int[] picked = {k.rows() - 1, 0, k.rows() / 2};
    Matrix rows = op.rows(picked);
    // On the fly, a row is a rectangular request: its Gram sums may round 1 ulp differently.
    Matrix expectedRows = Matrix.zeros(picked.length, k.cols());
    for (int r = 0; r < picked.length; r++) {
      System.arraycopy(k.row(picked[r]), 0, expectedRows.data(), r * k.cols(), k.cols());
    }
    assertTrue(rows.relativeError(expectedRows) < 1e-14, op.description());
    if (op.isSquare()) {
      double[] diagonal = op.diagonal();
      for (int i = 0; i < k.rows(); i++) {
        assertEquals(k.get(i, i), diagonal[i], 1e-15 * Math.abs(k.get(i, i)));
      }
    } else {
      assertThrows(IllegalStateException.class, op::diagonal);
    }
  }

  private static Matrix roundedToFloat(Matrix k) {
    double[] d = k.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) d[i];
    }
    return new Matrix(k.rows(), k.cols(), d);
  }

  private Matrix ntk(Matrix x1, Matrix x2) {
    Kernels k = backend.compute(new KernelRequest(NET, x1, x2, false, true));
    return k.ntk();
  }

  /** The kernel in every storage a matrix has: heap and native, float64 and float32. */
  @Test
  void denseKernelsInEveryStorage() {
    Matrix x = TestMatrices.gaussian(1030, 5, 1);
    Matrix k = ntk(x, null);
    Matrix wide = ntk(TestMatrices.gaussian(7, 5, 2), TestMatrices.gaussian(2100, 5, 3));
    for (Matrix kernel : new Matrix[] {k, wide}) {
      for (Precision p : Precision.values()) {
        for (Placement where : new Placement[] {Placement.HEAP, Placement.NATIVE}) {
          try (KernelOperator op = DenseKernelOperator.owning(kernel.to(p, where), 2)) {
            assertProducts(op, p == Precision.FLOAT64 ? kernel : roundedToFloat(kernel));
          }
        }
      }
    }
    try (DenseKernelOperator op = DenseKernelOperator.of(k, Precision.FLOAT32, 2)) {
      assertEquals(Precision.FLOAT32, op.storage());
      assertProducts(op, roundedToFloat(k));
    }
  }

  @Test
  void gramProductsWithManyColumnsWithoutTransposing() {
    Matrix l = TestMatrices.gaussian(131, 2500, 7);
    try (DenseKernelOperator op = DenseKernelOperator.of(l, 2)) {
      Matrix gram = op.multiplyTransposeB(l);
      assertTrue(gram.relativeError(TestMatrices.product(l, l.transpose())) < 1e-13);
      Matrix b = TestMatrices.gaussian(3, 2500, 8);
      assertTrue(op.multiplyTransposeB(b).relativeError(TestMatrices.product(l, b.transpose()))
          < 1e-13);
    }
  }

  /** Memory-mapped .npy files (Npy.map) in either precision and byte order, never loaded. */
  @Test
  void mappedNpyFilesInEitherPrecisionAndByteOrder() throws IOException {
    Matrix x = TestMatrices.gaussian(1030, 5, 1);
    Matrix k = ntk(x, null);
    NpyDtype[] dtypes = {NpyDtype.FLOAT64, NpyDtype.FLOAT32,
        new NpyDtype('f', 8, ByteOrder.BIG_ENDIAN), new NpyDtype('f', 4, ByteOrder.BIG_ENDIAN)};
    for (NpyDtype dtype : dtypes) {
      Path file = dir.resolve("k" + dtype.descr().replace('<', 'l').replace('>', 'b') + ".npy");
      Npy.write(file, k, dtype);
      try (KernelOperator op = DenseKernelOperator.owning(Npy.map(file, false), 2)) {
        assertTrue(op.description().contains("mapped"), op.description());
        assertProducts(op, dtype.size() == 8 ? k : roundedToFloat(k));
      }
    }
  }

  @Test
  void onTheFlyTilesOnTheJavaBackendMatchTheStoredKernel() {
    Matrix x = TestMatrices.gaussian(1030, 5, 1);
    Matrix k = ntk(x, null);
    try (KernelOperator op = OnTheFlyKernelOperator.symmetric(backend, NET, x, true)) {
      assertProducts(op, k);
    }
    Matrix test = TestMatrices.gaussian(9, 5, 4);
    try (KernelOperator op = OnTheFlyKernelOperator.of(backend, NET, test, x, true)) {
      assertProducts(op, ntk(test, x));
    }
    Matrix nngp = backend.compute(new KernelRequest(NET, x, null, true, false)).nngp();
    try (KernelOperator op = OnTheFlyKernelOperator.symmetric(backend, NET, x, false)) {
      assertProducts(op, nngp);
    }
  }
}
