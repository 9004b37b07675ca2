package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.stax.Stax.dense;
import static org.ntk4j.stax.Stax.relu;
import static org.ntk4j.stax.Stax.serial;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.data.Digits;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.PredictionSpec.Kernel;
import org.ntk4j.predict.PredictionSpec.KernelNeeds;
import org.ntk4j.predict.PredictionSpec.Loss;
import org.ntk4j.predict.PredictionSpec.Mode;
import org.ntk4j.stax.Architecture;

class PredictorTest {
  private static final TrainingSchedule FINITE = TrainingSchedule.continuous(1, 1, 10,
      Double.POSITIVE_INFINITY);
  private static final TrainingSchedule INF = TrainingSchedule.continuous(1,
      Double.POSITIVE_INFINITY);
  private static final DiagonalRegularizer REG = DiagonalRegularizer.relative(1e-4);

  private static PredictionSpec spec(Mode m, Kernel k, Loss l, TrainingSchedule s, boolean cov) {
    return new PredictionSpec(m, k, l, s, REG, cov);
  }

  @Test
  void gradientDescentReadsOnlyTheKernelItSolvesWith() {
    assertEquals(new KernelNeeds(false, true, true, null),
        spec(Mode.GD, Kernel.NTK, Loss.MSE, FINITE, false).needs(true));
    assertEquals(new KernelNeeds(true, false, false, null),
        spec(Mode.GD, Kernel.NNGP, Loss.XENT, FINITE, false).needs(false));
    assertEquals(new KernelNeeds(true, false, true, null),
        spec(Mode.GP, Kernel.NNGP, Loss.MSE, INF, false).needs(true));
  }

  @Test
  void ensemblesAndCovariancesReadBothKernels() {
    assertEquals(new KernelNeeds(true, true, true, KernelKind.NNGP),
        spec(Mode.ENSEMBLE, Kernel.NTK, Loss.MSE, FINITE, true).needs(true));
    assertEquals(new KernelNeeds(true, true, true, KernelKind.NTK),
        spec(Mode.GP, Kernel.NTKGP, Loss.MSE, INF, true).needs(true));
    assertEquals(new KernelNeeds(true, true, false, null),
        spec(Mode.ENSEMBLE, Kernel.NTK, Loss.MSE, FINITE, true).needs(false));
  }

  @Test
  void combinationsWithoutMeaningAreRefused() {
    assertThrows(InvalidInputException.class,
        () -> spec(Mode.GD, Kernel.NTKGP, Loss.MSE, FINITE, false));
    assertThrows(InvalidInputException.class,
        () -> spec(Mode.ENSEMBLE, Kernel.NTK, Loss.XENT, FINITE, false));
    assertThrows(InvalidInputException.class,
        () -> spec(Mode.GD, Kernel.NTK, Loss.XENT, TrainingSchedule.steps(1, 1, 2), false));
    assertThrows(InvalidInputException.class,
        () -> spec(Mode.GP, Kernel.NNGP, Loss.MSE, FINITE, false));
    assertThrows(InvalidInputException.class,
        () -> spec(Mode.GD, Kernel.NTK, Loss.MSE, FINITE, true));
  }

  @Test
  void computesOnlyTheNeededKernelsAndMatchesTheClosedFormOnFullKernels() {
    Architecture arch = Architecture.of(serial(dense(64, 1.5, 0.05), relu(), dense(10, 1.5,
        0.05)));
    Matrix all = Digits.load().standardizedFeatures();
    Matrix x = all.rowRange(0, 120);
    Matrix xTest = all.rowRange(120, 170);
    Matrix y = Digits.load().oneHot().rowRange(0, 120);
    PredictionSpec gd = spec(Mode.GD, Kernel.NTK, Loss.MSE, FINITE, false);
    try (JavaBackend backend = new JavaBackend(); LinearAlgebra la = new JavaLinearAlgebra()) {
      PredictionKernels k = PredictionKernels.compute(backend, arch, x, xTest, gd.needs(true));
      assertNull(k.trainTrain().nngp(), "gradient descent on the NTK never reads the NNGP");
      assertNotNull(k.testTrain().ntk());
      assertNull(k.testTest());

      PredictionResults r = new Predictor(gd, la).predict(backend, arch, x, y, xTest);
      Kernels train = backend.compute(KernelRequest.symmetric(arch, x));
      Kernels testTrain = backend.compute(KernelRequest.of(arch, xTest, x));
      Prediction ref = new GradientDescentMse(la, train.ntk(), y, REG).predict(FINITE, null,
          testTrain.ntk(), null);
      assertEquals(3, r.labels().size());
      for (int t = 0; t < 3; t++) {
        assertTrue(r.testMean().get(t).relativeError(ref.test().get(t)) < 1e-12);
        assertTrue(r.train().get(t).relativeError(ref.train().get(t)) < 1e-12);
      }
      assertTrue(r.nngpLogMarginalLikelihood().isEmpty());
    }
  }

  @Test
  void aGpPosteriorNeedsATestSet() {
    PredictionSpec gp = spec(Mode.GP, Kernel.NNGP, Loss.MSE, INF, false);
    Matrix k = Matrix.identity(3);
    assertThrows(InvalidInputException.class, () -> new Predictor(gp, new JavaLinearAlgebra())
        .predict(PredictionKernels.precomputed(KernelKind.NNGP, k, null), Matrix.zeros(3, 1)));
  }
}
