package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.CrossEntropyDynamics;
import org.ntk4j.predict.Prediction;
import org.ntk4j.stax.Architecture;

/** Finite-network training under cross-entropy against predict's function-space dynamics. */
class CrossEntropyAgreementTest {
  private static final int STEPS = 300;
  private static final double ETA = 2.0;

  @Test
  void lossGradientIsTheOneThePredictionIntegrates() {
    Matrix f = TestData.gaussian(5, 4, 1);
    Matrix y = Matrix.zeros(5, 4);
    for (int i = 0; i < 5; i++) {
      y.set(i, (i * 3) % 4, 1.0);
    }
    CrossEntropyDynamics dynamics = new CrossEntropyDynamics(new JavaLinearAlgebra(),
        Matrix.identity(5), y, 1.0, null, 1e-10, 1e-12);
    assertArrayEquals(dynamics.lossGradient(f).data(),
        Loss.SOFTMAX_CROSS_ENTROPY.gradient(f, y).data(), 1e-15);
  }

  /**
   * Gradient descent with a small rate on a wide network follows df/dτ = −Θ·∇_f L with the
   * infinite-width NTK from the network's own f₀; the gap shrinks with width.
   */
  @Test
  void wideNetworksFollowTheCrossEntropyDynamics() {
    Matrix x = TestData.gaussian(6, 4, 2);
    Matrix xTest = TestData.gaussian(3, 4, 3);
    Matrix y = Matrix.zeros(6, 3);
    for (int i = 0; i < 6; i++) {
      y.set(i, i % 3, 1.0);
    }
    double narrow = gap(64, x, y, xTest);
    double wide = gap(4096, x, y, xTest);
    assertTrue(wide < 0.1, "relative gap at width 4096: " + wide);
    assertTrue(wide < narrow / 4, "gap " + narrow + " at width 64, " + wide + " at 4096");
  }

  private static double gap(int width, Matrix x, Matrix y, Matrix xTest) {
    Architecture arch = Architecture.parse("dense(" + width + ", w_std=1.5, b_std=0.1), relu(),"
        + " dense(3, w_std=1.5, b_std=0.1)");
    FiniteNetwork net = FiniteNetwork.of(arch, 4);
    Params theta0 = net.initialize(5);
    Params trained = new Trainer(Model.of(net), Loss.SOFTMAX_CROSS_ENTROPY,
        Optimizer.gradientDescent(ETA)).train(theta0, x, y, STEPS);
    Kernels train;
    Kernels testTrain;
    try (JavaBackend backend = new JavaBackend(1)) {
      train = backend.compute(KernelRequest.symmetric(arch, x));
      testTrain = backend.compute(KernelRequest.of(arch, xTest, x));
    }
    Prediction p = new CrossEntropyDynamics(new JavaLinearAlgebra(), train.ntk(), y, ETA, null,
        1e-10, 1e-12).predict(new double[] {STEPS}, net.apply(theta0, x), testTrain.ntk(),
        net.apply(theta0, xTest));
    double trainGap = net.apply(trained, x).relativeError(p.train().get(0));
    double testGap = net.apply(trained, xTest).relativeError(p.test().get(0));
    return Math.max(trainGap, testGap);
  }
}
