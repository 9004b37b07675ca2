package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

class TrainerTest {
  private static final Architecture ARCH = Architecture.parse(
      "dense(64, w_std=1.5, b_std=0.1), relu(), dense(3, w_std=1.5, b_std=0.1)");

  @Test
  void lossGradientsMatchFiniteDifferences() {
    Matrix f = TestData.gaussian(4, 3, 1);
    Matrix y = Matrix.zeros(4, 3);
    for (int i = 0; i < 4; i++) {
      y.set(i, i % 3, 1.0);
    }
    y.set(3, 2, 0.5); // a target that is not a probability: the gradient carries its mass
    for (Loss loss : new Loss[] {Loss.MSE, Loss.SOFTMAX_CROSS_ENTROPY}) {
      Matrix g = loss.gradient(f, y);
      for (int i = 0; i < f.data().length; i++) {
        Matrix plus = f.copy();
        Matrix minus = f.copy();
        plus.data()[i] += 1e-6;
        minus.data()[i] -= 1e-6;
        double fd = (loss.value(plus, y) - loss.value(minus, y)) / 2e-6;
        assertEquals(fd, g.data()[i], 1e-8, loss + " entry " + i);
      }
    }
  }

  @Test
  void crossEntropyIsStableForLargeLogits() {
    Matrix f = Matrix.of(new double[] {1000, 0, -1000});
    Matrix y = Matrix.of(new double[] {0, 1, 0});
    assertEquals(1000 / 3.0, Loss.SOFTMAX_CROSS_ENTROPY.value(f, y), 1e-9);
  }

  @Test
  void everyOptimizerReducesTheTrainingLoss() {
    FiniteNetwork net = FiniteNetwork.of(ARCH, 4);
    Params theta0 = net.initialize(1);
    Matrix x = TestData.gaussian(16, 4, 2);
    Matrix y = Matrix.zeros(16, 3);
    for (int i = 0; i < 16; i++) {
      y.set(i, i % 3, 1.0);
    }
    Model model = Model.of(net);
    Optimizer[] optimizers = {Optimizer.gradientDescent(0.5),
        Optimizer.gradientDescent(0.2).withMomentum(0.9),
        Optimizer.gradientDescent(0.5).withBatches(4, 7)};
    for (Loss loss : new Loss[] {Loss.MSE, Loss.SOFTMAX_CROSS_ENTROPY}) {
      for (Optimizer opt : optimizers) {
        double before = loss.value(model.apply(theta0, x), y);
        Params trained = new Trainer(model, loss, opt).train(theta0, x, y, 200);
        double after = loss.value(model.apply(trained, x), y);
        assertTrue(after < before / 3, loss + " " + opt + ": " + before + " -> " + after);
      }
    }
  }

  @Test
  void fullSizedBatchesAreGradientDescentAndSgdIsSeeded() {
    FiniteNetwork net = FiniteNetwork.of(ARCH, 4);
    Params theta0 = net.initialize(3);
    Matrix x = TestData.gaussian(8, 4, 4);
    Matrix y = TestData.gaussian(8, 3, 5);
    Model model = Model.of(net);
    double[] gd = new Trainer(model, Loss.MSE, Optimizer.gradientDescent(0.1))
        .train(theta0, x, y, 5).flatten();
    double[] fullBatches = new Trainer(model, Loss.MSE,
        Optimizer.gradientDescent(0.1).withBatches(8, 1)).train(theta0, x, y, 5).flatten();
    assertArrayEquals(gd, fullBatches, 0.0);
    Optimizer sgd = Optimizer.gradientDescent(0.1).withBatches(3, 9);
    assertArrayEquals(new Trainer(model, Loss.MSE, sgd).train(theta0, x, y, 7).flatten(),
        new Trainer(model, Loss.MSE, sgd).train(theta0, x, y, 7).flatten(), 0.0);
  }

  @Test
  void observerSeesEveryStepAndTheStartingPointIsKept() {
    FiniteNetwork net = FiniteNetwork.of(ARCH, 4);
    Params theta0 = net.initialize(3);
    double[] start = theta0.flatten();
    int[] seen = {0};
    new Trainer(Model.of(net), Loss.MSE, Optimizer.gradientDescent(0.1)).train(theta0,
        TestData.gaussian(5, 4, 1), TestData.gaussian(5, 3, 2), 6,
        (step, theta) -> assertEquals(seen[0]++, step));
    assertEquals(7, seen[0]);
    assertArrayEquals(start, theta0.flatten(), 0.0);
  }

  @Test
  void refusesBadSettings() {
    assertThrows(InvalidInputException.class, () -> Optimizer.gradientDescent(-1));
    assertThrows(InvalidInputException.class,
        () -> Optimizer.gradientDescent(0.1).withMomentum(1.0));
    assertThrows(InvalidInputException.class,
        () -> Optimizer.gradientDescent(0.1).withBatches(-2, 0));
  }
}
