package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NotPositiveDefiniteException;
import org.ntk4j.linalg.TestMatrices;

class GradientDescentMseTest {
  private static final int N = 8;
  private static final int M = 5;
  private static final int K = 2;
  private final JavaLinearAlgebra la = new JavaLinearAlgebra();
  private final Matrix all = Fixtures.linearKernel(N + M, 12, 1);
  private final Matrix kTrain = Fixtures.block(all, 0, N, 0, N);
  private final Matrix kTestTrain = Fixtures.block(all, N, N + M, 0, N);
  private final Matrix y = TestMatrices.gaussian(N, K, 2);
  private final Matrix f0 = TestMatrices.gaussian(N, K, 3);
  private final Matrix f0Test = TestMatrices.gaussian(M, K, 4);

  private static void assertRelative(Matrix expected, Matrix actual, double tol) {
    double err = actual.relativeError(expected);
    assertTrue(err < tol, "relative error " + err);
  }

  /** df/dτ = −(1/n)·K·(f − y) on train, −(1/n)·K(x, X)·(f − y) on test: the gradient flow. */
  private Matrix[] flowDerivative(Matrix kReg, Matrix train, Matrix test) {
    Matrix r = Fixtures.axpy(train, -1, y);
    double n = N * K;
    Matrix dTrain = TestMatrices.product(kReg, r);
    Matrix dTest = TestMatrices.product(kTestTrain, r);
    return new Matrix[] {scale(dTrain, -1 / n), scale(dTest, -1 / n)};
  }

  private static Matrix scale(Matrix a, double s) {
    return MatrixOps.addScaled(Matrix.zeros(a.rows(), a.cols()), s, a);
  }

  /** Classic RK4 on the linear ODE, in steps of h (in units of τ). */
  private Matrix[] rk4(Matrix kReg, double tau, double h) {
    Matrix train = f0.copy();
    Matrix test = f0Test.copy();
    int steps = (int) Math.round(tau / h);
    for (int s = 0; s < steps; s++) {
      Matrix[] k1 = flowDerivative(kReg, train, test);
      Matrix[] k2 = flowDerivative(kReg, Fixtures.axpy(train, h / 2, k1[0]),
          Fixtures.axpy(test, h / 2, k1[1]));
      Matrix[] k3 = flowDerivative(kReg, Fixtures.axpy(train, h / 2, k2[0]),
          Fixtures.axpy(test, h / 2, k2[1]));
      Matrix[] k4 = flowDerivative(kReg, Fixtures.axpy(train, h, k3[0]),
          Fixtures.axpy(test, h, k3[1]));
      for (int p = 0; p < 2; p++) {
        Matrix sum = Fixtures.axpy(Fixtures.axpy(Fixtures.axpy(k1[p], 2, k2[p]), 2, k3[p]), 1,
            k4[p]);
        if (p == 0) {
          train = Fixtures.axpy(train, h / 6, sum);
        } else {
          test = Fixtures.axpy(test, h / 6, sum);
        }
      }
    }
    return new Matrix[] {train, test};
  }

  @Test
  void continuousTimeMatchesIntegratedGradientFlow() {
    double eta = 0.7;
    double[] times = {0, 0.5, 3, 20};
    for (double diagReg : new double[] {0, 0.1}) {
      DiagonalRegularizer reg = DiagonalRegularizer.relative(diagReg);
      GradientDescentMse gd = new GradientDescentMse(la, kTrain, y, reg);
      Prediction p = gd.predict(TrainingSchedule.continuous(eta, times), f0, kTestTrain, f0Test);
      for (int i = 0; i < times.length; i++) {
        Matrix[] ref = rk4(reg.apply(kTrain), eta * times[i], 1e-3);
        assertRelative(ref[0], p.train().get(i), 1e-9);
        assertRelative(ref[1], p.test().get(i), 1e-9);
      }
    }
  }

  @Test
  void discreteStepsMatchIteratedGradientDescent() {
    double eta = 3.0;
    long[] steps = {0, 1, 7, 100};
    GradientDescentMse gd = new GradientDescentMse(la, kTrain, y, DiagonalRegularizer.NONE);
    Prediction p = gd.predict(TrainingSchedule.steps(eta, steps), f0, kTestTrain, f0Test);
    Matrix train = f0.copy();
    Matrix test = f0Test.copy();
    double n = N * K;
    int done = 0;
    for (int i = 0; i < steps.length; i++) {
      for (; done < steps[i]; done++) {
        Matrix r = Fixtures.axpy(train, -1, y);
        train = Fixtures.axpy(train, -eta / n, TestMatrices.product(kTrain, r));
        test = Fixtures.axpy(test, -eta / n, TestMatrices.product(kTestTrain, r));
      }
      assertRelative(train, p.train().get(i), 1e-9);
      assertRelative(test, p.test().get(i), 1e-9);
    }
  }

  @Test
  void infiniteTimeIsTheKernelRegressionSolve() {
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-3);
    GradientDescentMse gd = new GradientDescentMse(la, kTrain, y, reg);
    Prediction p = gd.predict(TrainingSchedule.continuous(1, 1e7, Double.POSITIVE_INFINITY),
        f0, kTestTrain, f0Test);
    Matrix expected = Fixtures.axpy(f0Test, 1, TestMatrices.product(kTestTrain,
        Fixtures.gaussSolve(reg.apply(kTrain), Fixtures.axpy(y, -1, f0))));
    assertRelative(expected, p.test().get(1), 1e-10);
    assertEquals(0.0, y.relativeError(p.train().get(1)));
    // A long finite time converges to the same answer through the eigenbasis.
    assertRelative(p.test().get(1), p.test().get(0), 1e-8);
    assertRelative(y, p.train().get(0), 1e-8);
  }

  @Test
  void zeroInitialOutputsByDefaultAndTrainOnlyWithoutATestKernel() {
    GradientDescentMse gd = new GradientDescentMse(la, kTrain, y, DiagonalRegularizer.NONE);
    TrainingSchedule s = TrainingSchedule.continuous(1, 2.5);
    Prediction withZeros = gd.predict(s, Matrix.zeros(N, K), kTestTrain, Matrix.zeros(M, K));
    Prediction defaults = gd.predict(s, null, null, null);
    assertEquals(0.0, withZeros.train().get(0).relativeError(defaults.train().get(0)), 1e-15);
    assertNull(defaults.test());
  }

  @Test
  void notPositiveDefiniteAtInfinityNamesTheEigenvalueAndTheFix() {
    Matrix x = TestMatrices.gaussian(N, 3, 9);
    Matrix lowRank = TestMatrices.product(x, x.transpose());
    GradientDescentMse gd = new GradientDescentMse(la, lowRank, y, DiagonalRegularizer.NONE);
    TrainingSchedule inf = TrainingSchedule.continuous(1, Double.POSITIVE_INFINITY);
    NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
        () -> gd.predict(inf, null, TestMatrices.gaussian(M, N, 1), null));
    assertTrue(Math.abs(e.smallestEigenvalue()) < 1e-10, e.getMessage());
    assertTrue(e.getMessage().contains("--diag-reg"), e.getMessage());
    // Finite times need no factorization and still work.
    gd.predict(TrainingSchedule.continuous(1, 10), null, TestMatrices.gaussian(M, N, 1), null);
  }

  @Test
  void badTimesAndShapesAreRefused() {
    assertThrows(InvalidInputException.class, () -> TrainingSchedule.continuous(1, -1));
    assertThrows(InvalidInputException.class, () -> TrainingSchedule.continuous(1, Double.NaN));
    assertThrows(InvalidInputException.class, () -> TrainingSchedule.continuous(0, 1));
    assertThrows(InvalidInputException.class, () -> TrainingSchedule.steps(1, -3));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new GradientDescentMse(la, kTrain, TestMatrices.gaussian(N + 1, K, 1),
            DiagonalRegularizer.NONE));
    assertTrue(e.getMessage().contains("(8, 8)") && e.getMessage().contains("(9, 2)"),
        e.getMessage());
    Matrix asymmetric = kTrain.copy();
    asymmetric.set(1, 4, asymmetric.get(1, 4) + 0.5);
    e = assertThrows(InvalidInputException.class,
        () -> new GradientDescentMse(la, asymmetric, y, DiagonalRegularizer.NONE));
    assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    GradientDescentMse gd = new GradientDescentMse(la, kTrain, y, DiagonalRegularizer.NONE);
    e = assertThrows(InvalidInputException.class, () -> gd.predict(
        TrainingSchedule.continuous(1, 1), null, TestMatrices.gaussian(M, N - 1, 1), null));
    assertTrue(e.getMessage().contains("(5, 7)"), e.getMessage());
  }
}
