package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;

class CrossEntropyDynamicsTest {
  private static final int N = 6;
  private static final int M = 3;
  private static final int K = 3;
  private final JavaLinearAlgebra la = new JavaLinearAlgebra();
  private final Matrix all = Fixtures.linearKernel(N + M, 10, 21);
  private final Matrix theta = Fixtures.block(all, 0, N, 0, N);
  private final Matrix thetaTest = Fixtures.block(all, N, N + M, 0, N);
  private final Matrix y = oneHot(new int[] {0, 2, 1, 1, 0, 2});
  private final Matrix f0 = TestMatrices.gaussian(N, K, 22);
  private final Matrix f0Test = TestMatrices.gaussian(M, K, 23);

  private static Matrix oneHot(int[] labels) {
    Matrix y = Matrix.zeros(labels.length, K);
    for (int i = 0; i < labels.length; i++) {
      y.set(i, labels[i], 1);
    }
    return y;
  }

  private CrossEntropyDynamics dynamics(double eta, Double momentum) {
    return new CrossEntropyDynamics(la, theta, y, eta, momentum, 1e-11, 1e-13);
  }

  private static double[] rowSums(Matrix m) {
    double[] s = new double[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        s[i] += m.get(i, j);
      }
    }
    return s;
  }

  /** Explicit Euler in τ with step h on the same equations, train and test together. */
  private Matrix[] euler(CrossEntropyDynamics d, double tau, double h) {
    Matrix f = f0.copy();
    Matrix ft = f0Test.copy();
    long steps = Math.round(tau / h);
    for (long s = 0; s < steps; s++) {
      Matrix g = d.lossGradient(f);
      f = Fixtures.axpy(f, -h, TestMatrices.product(theta, g));
      ft = Fixtures.axpy(ft, -h, TestMatrices.product(thetaTest, g));
    }
    return new Matrix[] {f, ft};
  }

  @Test
  void matchesFineStepEulerExtrapolated() {
    double eta = 20.0;
    double[] times = {1.5, 0.25};
    CrossEntropyDynamics d = dynamics(eta, null);
    Prediction p = d.predict(times, f0, thetaTest, f0Test);
    for (int i = 0; i < times.length; i++) {
      double tau = eta * times[i];
      Matrix[] coarse = euler(d, tau, 4e-4);
      Matrix[] fine = euler(d, tau, 2e-4);
      // Richardson: 2·fine − coarse cancels Euler's O(h) error.
      Matrix train = Fixtures.axpy(Fixtures.axpy(fine[0], 1, fine[0]), -1, coarse[0]);
      Matrix test = Fixtures.axpy(Fixtures.axpy(fine[1], 1, fine[1]), -1, coarse[1]);
      double errTrain = p.train().get(i).relativeError(train);
      double errTest = p.test().get(i).relativeError(test);
      assertTrue(errTrain < 1e-8 && errTest < 1e-8, "errors " + errTrain + ", " + errTest);
      // ... and plain Euler is off by O(h), so the comparison has teeth.
      assertTrue(p.train().get(i).relativeError(fine[0]) > 1e-7,
          "plain Euler " + p.train().get(i).relativeError(fine[0]));
    }
  }

  @Test
  void sumOfEachExamplesLogitsIsConserved() {
    for (Double momentum : new Double[] {null, 0.9}) {
      Prediction p = dynamics(0.5, momentum).predict(new double[] {0, 3, 30}, f0, thetaTest,
          f0Test);
      double[] start = rowSums(f0);
      double[] startTest = rowSums(f0Test);
      for (int t = 0; t < 3; t++) {
        double[] now = rowSums(p.train().get(t));
        double[] nowTest = rowSums(p.test().get(t));
        for (int i = 0; i < N; i++) {
          assertEquals(start[i], now[i], 1e-9, "train example " + i);
        }
        for (int i = 0; i < M; i++) {
          assertEquals(startTest[i], nowTest[i], 1e-9, "test example " + i);
        }
      }
      // The logits did move.
      assertTrue(p.train().get(2).relativeError(f0) > 0.1);
    }
  }

  @Test
  void momentumMatchesItsEulerIntegration() {
    double eta = 0.5;
    double mu = 0.6;
    double tPrime = Math.sqrt(eta) * 2.0;
    double damping = (mu - 1) / Math.sqrt(eta);
    CrossEntropyDynamics d = dynamics(eta, mu);
    Matrix expected = null;
    for (double h : new double[] {2e-4, 1e-4}) {
      Matrix f = f0.copy();
      Matrix q = Matrix.zeros(N, K);
      for (long s = 0; s < Math.round(tPrime / h); s++) {
        Matrix force = TestMatrices.product(theta, d.lossGradient(f));
        Matrix nextQ = Fixtures.axpy(Fixtures.axpy(q, -h, force), h * damping, q);
        f = Fixtures.axpy(f, h, q);
        q = nextQ;
      }
      expected = expected == null ? f : Fixtures.axpy(Fixtures.axpy(f, 1, f), -1, expected);
    }
    Matrix actual = d.predict(new double[] {2.0}, f0, null, null).train().get(0);
    assertTrue(actual.relativeError(expected) < 1e-6, "error " + actual.relativeError(expected));
  }

  @Test
  void infiniteAndNegativeTimesAreRefused() {
    CrossEntropyDynamics d = dynamics(1, null);
    assertThrows(InvalidInputException.class,
        () -> d.predict(new double[] {Double.POSITIVE_INFINITY}, null, null, null));
    assertThrows(InvalidInputException.class,
        () -> d.predict(new double[] {-1}, null, null, null));
  }
}
