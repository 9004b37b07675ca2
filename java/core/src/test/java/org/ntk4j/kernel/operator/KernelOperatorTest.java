package org.ntk4j.kernel.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * Every operator kind gives K·V, K's rows and its diagonal as the plain triple-loop product of
 * the matrix it holds: shapes chosen to cover several row panels (N = 1030 float64 rows are 3
 * panels, in several file mappings when mappings are small), a column block boundary
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

  @Test
  void denseFloat64AndFloat32InMemory() {
    Matrix x = TestMatrices.gaussian(1030, 5, 1);
    Matrix k = ntk(x, null);
    try (KernelOperator op = DenseKernelOperator.float64(k, 2)) {
      assertProducts(op, k);
    }
    try (KernelOperator op = DenseKernelOperator.float32(k, 2)) {
      assertProducts(op, roundedToFloat(k));
    }
    Matrix wide = ntk(TestMatrices.gaussian(7, 5, 2), TestMatrices.gaussian(2100, 5, 3));
    try (KernelOperator op = DenseKernelOperator.float32(wide, 1)) {
      assertProducts(op, roundedToFloat(wide));
    }
  }

  @Test
  void gramProductsWithManyColumnsWithoutTransposing() {
    Matrix l = TestMatrices.gaussian(131, 2500, 7);
    try (DenseKernelOperator op = DenseKernelOperator.float64(l, 2)) {
      Matrix gram = op.multiplyTransposeB(l);
      assertTrue(gram.relativeError(TestMatrices.product(l, l.transpose())) < 1e-13);
      Matrix b = TestMatrices.gaussian(3, 2500, 8);
      assertTrue(op.multiplyTransposeB(b).relativeError(TestMatrices.product(l, b.transpose()))
          < 1e-13);
    }
  }

  @Test
  void npyFilesReadInPanelsInEitherPrecisionAndByteOrder() throws IOException {
    Matrix x = TestMatrices.gaussian(1030, 5, 1);
    Matrix k = ntk(x, null);
    NpyDtype[] dtypes = {NpyDtype.FLOAT64, NpyDtype.FLOAT32,
        new NpyDtype('f', 8, ByteOrder.BIG_ENDIAN), new NpyDtype('f', 4, ByteOrder.BIG_ENDIAN)};
    for (NpyDtype dtype : dtypes) {
      Path file = dir.resolve("k" + dtype.descr().replace('<', 'l').replace('>', 'b') + ".npy");
      Npy.write(file, k, dtype);
      try (NpyKernelOperator op = NpyKernelOperator.open(file, "K", 2, 64 << 10)) {
        assertTrue(op.mappings() > 1, "several mappings: " + op.mappings());
        assertProducts(op, dtype.size() == 8 ? k : roundedToFloat(k));
      }
    }
    Matrix wide = ntk(TestMatrices.gaussian(7, 5, 2), TestMatrices.gaussian(2100, 5, 3));
    Path file = dir.resolve("wide.npy");
    Npy.write(file, wide, NpyDtype.FLOAT64);
    try (KernelOperator op = NpyKernelOperator.open(file, "K", 2)) {
      assertProducts(op, wide);
    }
  }

  @Test
  void npyFilesThatAreNotKernelsAreRefusedNamingTheProblem() throws IOException {
    Path threeD = dir.resolve("3d.npy");
    Npy.write(threeD, new NpyArray(new long[] {2, 2, 2}, new double[8]), NpyDtype.FLOAT64);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> NpyKernelOperator.open(threeD, "K_train (3d.npy)", 1));
    assertTrue(e.getMessage().contains("(2, 2, 2)"), e.getMessage());
    Path ints = dir.resolve("ints.npy");
    Npy.write(ints, TestMatrices.gaussian(3, 3, 1), NpyDtype.FLOAT64);
    byte[] bytes = Files.readAllBytes(ints);
    String header = new String(bytes, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = header.indexOf("<f8");
    bytes[at + 1] = 'i';
    Files.write(ints, bytes);
    e = assertThrows(InvalidInputException.class, () -> NpyKernelOperator.open(ints, "K", 1));
    assertTrue(e.getMessage().contains("float32 or float64"), e.getMessage());
    Path cut = dir.resolve("cut.npy");
    Npy.write(cut, TestMatrices.gaussian(30, 30, 1), NpyDtype.FLOAT64);
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 1000));
    e = assertThrows(InvalidInputException.class, () -> NpyKernelOperator.open(cut, "K", 1));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
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
