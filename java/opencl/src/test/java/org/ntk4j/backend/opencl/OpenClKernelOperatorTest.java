package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.kernel.operator.OnTheFlyKernelOperator;
import org.ntk4j.krylov.KrylovSettings;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.IterativeGradientDescentMse;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.stax.Architecture;

/**
 * The on-the-fly kernel operator on an OpenCL device (PoCL in CI): the tiles the device streams
 * (32-wide here, so many of them, diagonal ones included) multiply into K·V without the kernel
 * ever being stored, and the iterative predictions over it equal the dense closed forms of the
 * oracle's kernel.
 */
class OpenClKernelOperatorTest {
  private static final Architecture NET = Architecture.parse(
      "dense(16, w_std=1.5, b_std=0.1), relu(), dense(16, w_std=1.5, b_std=0.1), relu(),"
          + " dense(1, w_std=1.5, b_std=0.1)");
  private static OpenClKernelBackend float64;
  private static OpenClKernelBackend float32;

  private final Matrix x = TestMatrices.gaussian(100, 7, 1);
  private final Matrix xTest = TestMatrices.gaussian(37, 7, 2);
  private final JavaBackend oracle = new JavaBackend(2);

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    float64 = new OpenClKernelBackend(OpenClTestSupport.smallTiles());
    float32 = new OpenClKernelBackend(OpenClTestSupport.smallTiles()
        .withPrecision(Precision.FLOAT32));
  }

  @AfterAll
  static void close() {
    if (float64 != null) {
      float64.close();
      float32.close();
    }
  }

  private Matrix ntk(org.ntk4j.kernel.KernelBackend backend, Matrix x1, Matrix x2) {
    return backend.compute(new KernelRequest(NET, x1, x2, false, true)).ntk();
  }

  @Test
  void productsOfStreamedTilesEqualTheProductOfTheStoredKernel() {
    Matrix v = TestMatrices.gaussian(100, 3, 3);
    try (KernelOperator op = OnTheFlyKernelOperator.symmetric(float64, NET, x, true)) {
      double err = op.multiply(v).relativeError(TestMatrices.product(ntk(oracle, x, null), v));
      assertTrue(err < 1e-12, "float64 symmetric: " + err);
    }
    try (KernelOperator op = OnTheFlyKernelOperator.of(float64, NET, xTest, x, true)) {
      double err = op.multiply(v).relativeError(TestMatrices.product(ntk(oracle, xTest, x), v));
      assertTrue(err < 1e-12, "float64 test-train: " + err);
    }
    // float32 tiles (the device's storage) times float64 vectors: the product of those values.
    try (KernelOperator op = OnTheFlyKernelOperator.symmetric(float32, NET, x, true)) {
      double err = op.multiply(v).relativeError(TestMatrices.product(ntk(float32, x, null), v));
      assertTrue(err < 1e-12, "float32 tiles: " + err);
    }
  }

  @Test
  void iterativePredictionsOnTheDeviceEqualTheDenseClosedForms() {
    Matrix y = TestMatrices.gaussian(100, 2, 4);
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-3);
    TrainingSchedule s = TrainingSchedule.continuous(1, 1, 100, 1e4, Double.POSITIVE_INFINITY);
    Prediction dense = new GradientDescentMse(new JavaLinearAlgebra(), ntk(oracle, x, null), y,
        reg).predict(s, null, ntk(oracle, xTest, x), null);
    try (KernelOperator train = OnTheFlyKernelOperator.symmetric(float64, NET, x, true);
        KernelOperator test = OnTheFlyKernelOperator.of(float64, NET, xTest, x, true);
        KrylovSolver solver = new KrylovSolver(KrylovSettings.defaults().withTolerance(1e-11))) {
      Prediction it = new IterativeGradientDescentMse(train, y, reg, solver).predict(s, null,
          test, null);
      for (int i = 0; i < s.size(); i++) {
        double trainErr = it.train().get(i).relativeError(dense.train().get(i));
        double testErr = it.test().get(i).relativeError(dense.test().get(i));
        assertTrue(trainErr < 1e-6 && testErr < 1e-6, s.label(i) + ": " + trainErr + ", "
            + testErr);
      }
    }
  }
}
