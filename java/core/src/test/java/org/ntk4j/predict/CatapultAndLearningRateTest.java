package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.predict.CatapultModel.Phase;

class CatapultAndLearningRateTest {
  private final JavaLinearAlgebra la = new JavaLinearAlgebra();

  @Test
  void threePhasesOnEitherSideOfTwoAndFourOverLambda() {
    double lambda0 = 0.8;
    CatapultModel model = new CatapultModel(lambda0, 0.3, 10_000);
    double[] multiples = {0.5, 1.9, 2.1, 3.0, 3.9, 4.1, 6.0};
    Phase[] expected = {Phase.LAZY, Phase.LAZY, Phase.CATAPULT, Phase.CATAPULT, Phase.CATAPULT,
        Phase.DIVERGENT, Phase.DIVERGENT};
    for (int i = 0; i < multiples.length; i++) {
      double eta = multiples[i] / lambda0;
      CatapultModel.Run run = model.simulate(eta, 100_000);
      assertEquals(expected[i], model.predictedPhase(eta), "prediction at " + multiples[i]);
      assertEquals(expected[i], run.phase(), "simulation at " + multiples[i] + "/λ₀");
      double lambdaEnd = run.lambda()[run.lambda().length - 1];
      if (run.phase() == Phase.LAZY) {
        assertEquals(lambda0, lambdaEnd, 1e-3 * lambda0, "lazy: the kernel stays put");
      } else if (run.phase() == Phase.CATAPULT) {
        assertTrue(lambdaEnd < 2 / eta, "catapult: λ ends below 2/η, got " + lambdaEnd);
      }
    }
  }

  @Test
  void maxLearningRateIsTwoNOverTheLargestEigenvalue() {
    Matrix theta = Matrix.of(new double[] {3, 1}, new double[] {1, 3});
    assertEquals(2.0 * 6 / 4, LearningRates.maxLearningRate(la, theta, 6, 0), 1e-9);
    assertEquals(2.0 * 1.5 * 6 / 4, LearningRates.maxLearningRate(la, theta, 6, 0.5), 1e-9);
    assertThrows(InvalidInputException.class,
        () -> LearningRates.maxLearningRate(la, theta, 6, 1.0));
  }

  @Test
  void discreteGradientDescentConvergesJustBelowTheMaxRateAndDivergesAbove() {
    Matrix all = Fixtures.linearKernel(6, 8, 3);
    Matrix y = TestMatrices.gaussian(6, 2, 4);
    double etaMax = LearningRates.maxLearningRate(la, all, y.rows() * y.cols(), 0);
    GradientDescentMse gd = new GradientDescentMse(la, all, y, DiagonalRegularizer.NONE);
    Matrix below = gd.predict(TrainingSchedule.steps(0.99 * etaMax, 3000), null, null, null)
        .train().get(0);
    Matrix above = gd.predict(TrainingSchedule.steps(1.01 * etaMax, 3000), null, null, null)
        .train().get(0);
    assertTrue(below.relativeError(y) < 1e-6, "converges below: " + below.relativeError(y));
    assertTrue(above.relativeError(y) > 1e6, "diverges above: " + above.relativeError(y));
  }
}
