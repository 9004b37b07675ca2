package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.stax.Architecture;

/**
 * Device linear algebra against the oracle's (ojAlgo/EJML) in float64 on sizes that span
 * several Cholesky panels and GEMM tiles: a random SPD matrix and an ill-conditioned NTK
 * (depth-3 ReLU, κ ≈ 1e6 after a small diagonal regularizer), to 1e-9.
 *
 * <p>Measures: Cholesky factors and SPD solves relative in the Frobenius norm (both backward
 * stable, so they agree to κ·ε ≈ 1e-10 here); eigenvalues relative to λ_max (Weyl: a backward
 * error δ moves each by at most ‖δ‖); eigenvectors through the reconstruction V·diag(λ)·Vᵀ and the
 * spectral function V·diag(e^{−λ})·Vᵀ·B, which do not depend on the eigenvectors' signs.
 */
class OpenClLinearAlgebraOracleTest {
  private static final double TOLERANCE = 1e-9;
  private static OpenClLinearAlgebra device;
  private static final JavaLinearAlgebra oracle = new JavaLinearAlgebra();

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    device = new OpenClLinearAlgebra(0, Precision.FLOAT64);
  }

  @AfterAll
  static void close() {
    if (device != null) {
      device.close();
    }
  }

  @Test
  void randomSpd() {
    Matrix g = random(150, 150, 1);
    Matrix a = oracle.multiplyTransposeB(g, g);
    for (int i = 0; i < 150; i++) {
      a.set(i, i, a.get(i, i) + 1);
    }
    check(a);
  }

  @Test
  void illConditionedNtk() {
    Matrix x = random(130, 20, 2);
    Matrix k = new JavaBackend().compute(KernelRequest.symmetric(Architecture.parse(
        "dense(64, w_std=1.5, b_std=0.05), relu(), dense(64, w_std=1.5, b_std=0.05), relu(),"
            + " dense(64, w_std=1.5, b_std=0.05), relu(), dense(1)"), x)).ntk();
    double trace = 0;
    for (int i = 0; i < 130; i++) {
      trace += k.get(i, i);
    }
    for (int i = 0; i < 130; i++) {
      k.set(i, i, k.get(i, i) + 1e-6 * trace / 130);
    }
    check(k);
  }

  @Test
  void aCpuDeviceHandsOutTheHostsNativeFloat64LinearAlgebraEvenForFloat32Kernels() {
    try (OpenClKernelBackend backend = new OpenClKernelBackend(
            OpenClSettings.defaults().withPrecision(Precision.FLOAT32));
        org.ntk4j.linalg.LinearAlgebra la = backend.linearAlgebra()) {
      assertTrue(!backend.device().isGpu(), "PoCL is a CPU device");
      assertTrue(la.name().startsWith("native-float64"), la.name());
      Matrix a = Matrix.of(new double[] {4, 2}, new double[] {2, 3});
      assertClose("cholesky", oracle.cholesky(a), la.cholesky(a));
    }
  }

  private static void check(Matrix a) {
    int n = a.rows();
    Matrix b = random(n, 3, 3);
    assertClose("cholesky", oracle.cholesky(a), device.cholesky(a));
    assertClose("solveSpd", oracle.solveSpd(a, b), device.solveSpd(a, b));
    assertClose("product", oracle.multiply(a, b), device.multiply(a, b));

    SymmetricEigen expected = oracle.eigh(a);
    SymmetricEigen actual = device.eigh(a);
    double scale = Math.abs(expected.max());
    for (int i = 0; i < n; i++) {
      double err = Math.abs(actual.values()[i] - expected.values()[i]) / scale;
      assertTrue(err < TOLERANCE, "eigenvalue " + i + ": relative error " + err);
    }
    assertClose("V·diag(λ)·Vᵀ", a, reconstruct(actual));
    Matrix factors = new Matrix(1, n, new double[n]);
    for (int i = 0; i < n; i++) {
      factors.data()[i] = Math.exp(-actual.values()[i] / scale);
    }
    Matrix expFactors = new Matrix(1, n, new double[n]);
    for (int i = 0; i < n; i++) {
      expFactors.data()[i] = Math.exp(-expected.values()[i] / scale);
    }
    List<Matrix> want = oracle.spectralFunction(expected, expFactors, b);
    List<Matrix> got = device.spectralFunction(actual, factors, b);
    assertClose("e^{-A}·B", want.get(0), got.get(0));
  }

  private static Matrix reconstruct(SymmetricEigen e) {
    Matrix v = e.vectors();
    Matrix scaled = v.copy();
    for (int i = 0; i < v.rows(); i++) {
      for (int j = 0; j < v.cols(); j++) {
        scaled.set(i, j, v.get(i, j) * e.values()[j]);
      }
    }
    return oracle.multiplyTransposeB(scaled, v);
  }

  private static void assertClose(String what, Matrix expected, Matrix actual) {
    double err = actual.relativeError(expected);
    assertTrue(err < TOLERANCE, what + ": relative error " + err);
  }

  private static Matrix random(int rows, int cols, long seed) {
    Random r = new Random(seed);
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextGaussian();
    }
    return new Matrix(rows, cols, d);
  }
}
