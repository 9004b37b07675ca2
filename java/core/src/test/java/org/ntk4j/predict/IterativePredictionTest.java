package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.krylov.KrylovSettings;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * The iterative predictions equal the dense closed forms (eigendecomposition, Cholesky) to 1e-6
 * relative, for every operator kind: float64 in memory, a float64 .npy file, recomputed on the
 * fly; float32 storage against the dense forms of the float32-rounded kernel (the solvers'
 * arithmetic is float64 whatever the storage); and what float32 storage costs against float64.
 */
class IterativePredictionTest {
  static final Architecture NET = Architecture.parse(
      "dense(16, w_std=1.5, b_std=0.1), relu(), dense(16, w_std=1.5, b_std=0.1), relu(),"
          + " dense(1, w_std=1.5, b_std=0.1)");
  private static final int N = 160;
  private static final int M = 40;
  private static final double TOLERANCE = 1e-11;

  @TempDir Path dir;

  private final JavaLinearAlgebra la = new JavaLinearAlgebra();
  private final JavaBackend backend = new JavaBackend(2);
  private final Matrix x = TestMatrices.gaussian(N, 6, 1);
  private final Matrix xTest = TestMatrices.gaussian(M, 6, 2);
  private final Matrix y = TestMatrices.gaussian(N, 3, 3);
  private final Matrix f0 = TestMatrices.gaussian(N, 3, 4);
  private final Matrix f0Test = TestMatrices.gaussian(M, 3, 5);
  private final Kernels train = backend.compute(new KernelRequest(NET, x, null, true, true));
  private final Kernels testTrain = backend.compute(new KernelRequest(NET, xTest, x, true, true));
  private final DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-3);

  private static KrylovSolver solver() {
    return new KrylovSolver(KrylovSettings.defaults().withTolerance(TOLERANCE)
        .withMaxPreconditionerRank(40));
  }

  /** Continuous times from 0 to ∞ and discrete steps up to half the critical rate. */
  private List<TrainingSchedule> schedules(Matrix k) {
    double etaCritical = LearningRates.maxLearningRate(la, reg.apply(k), (long) N * 3, 0);
    return List.of(TrainingSchedule.continuous(1, 0, 1, 10, 100, 1e4, Double.POSITIVE_INFINITY),
        TrainingSchedule.steps(0.5 * etaCritical, 0, 1, 10, 1000));
  }

  private static void assertClose(Prediction expected, Prediction actual, double tol,
      String what) {
    for (int i = 0; i < expected.train().size(); i++) {
      double train = actual.train().get(i).relativeError(expected.train().get(i));
      double test = actual.test().get(i).relativeError(expected.test().get(i));
      assertTrue(train < tol && test < tol, what + ", point " + i + ": train " + train
          + ", test " + test);
    }
  }

  /** The dense and the iterative prediction of every schedule, on the same kernels. */
  private void assertIterativeEqualsDense(Matrix k, Matrix kTestTrain, PredictionOperators ops,
      String what) {
    for (TrainingSchedule s : schedules(k)) {
      Prediction dense = new GradientDescentMse(la, k, y, reg).predict(s, f0, kTestTrain, f0Test);
      Prediction iterative = new IterativeGradientDescentMse(ops.trainTrain(), y, reg, solver())
          .predict(s, f0, ops.testTrain(), f0Test);
      assertClose(dense, iterative, 1e-6, what + (s.isDiscrete() ? " (steps)" : " (times)"));
    }
  }

  private static Matrix rounded(Matrix k) {
    double[] d = k.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) d[i];
    }
    return new Matrix(k.rows(), k.cols(), d);
  }

  @Test
  void inMemoryFloat64AndFloat32() {
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), testTrain.ntk(),
        Precision.FLOAT64, 2)) {
      assertIterativeEqualsDense(train.ntk(), testTrain.ntk(), ops, "float64 in memory");
    }
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), testTrain.ntk(),
        Precision.FLOAT32, 2)) {
      assertIterativeEqualsDense(rounded(train.ntk()), rounded(testTrain.ntk()), ops,
          "float32 in memory");
    }
  }

  @Test
  void mappedNpyFilesInBothPrecisions() throws IOException {
    for (NpyDtype dtype : new NpyDtype[] {NpyDtype.FLOAT64, NpyDtype.FLOAT32}) {
      Path k = dir.resolve("k" + dtype.size() + ".npy");
      Path kt = dir.resolve("kt" + dtype.size() + ".npy");
      Npy.write(k, train.nngp(), dtype);
      Npy.write(kt, testTrain.nngp(), dtype);
      try (Matrix mk = Npy.map(k, false); Matrix mkt = Npy.map(kt, false);
          PredictionOperators ops = PredictionOperators.of(mk, mkt, 2)) {
        boolean f64 = dtype.size() == 8;
        assertIterativeEqualsDense(f64 ? train.nngp() : rounded(train.nngp()),
            f64 ? testTrain.nngp() : rounded(testTrain.nngp()), ops, dtype + " .npy");
      }
    }
  }

  @Test
  void onTheFlyOnTheJavaBackend() {
    try (PredictionOperators ops = PredictionOperators.fromArchitecture(backend, NET, x, xTest,
        true, null, 2)) {
      assertIterativeEqualsDense(train.ntk(), testTrain.ntk(), ops, "on the fly");
    }
  }

  /**
   * What float32 storage costs: rounding K to float32 perturbs it by δK with
   * ‖δK‖ ≤ 2⁻²⁴·‖K‖, so the t = ∞ outputs move by at most about cond(K_reg)·2⁻²⁴ relative; the
   * finite times, whose functions are bounded and smooth, move by about 2⁻²⁴·τ‖K‖/n.
   */
  @Test
  void float32StorageMovesTheOutputsByAtMostConditionTimesFloatEpsilon() {
    Matrix kReg = reg.apply(train.ntk());
    double[] l = la.eigh(kReg).values();
    double condition = l[l.length - 1] / l[0];
    double bound = condition * Math.pow(2, -24);
    TrainingSchedule s = TrainingSchedule.continuous(1, 10, 1e3, Double.POSITIVE_INFINITY);
    Prediction exact = new GradientDescentMse(la, train.ntk(), y, reg).predict(s, null,
        testTrain.ntk(), null);
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), testTrain.ntk(),
        Precision.FLOAT32, 2)) {
      Prediction mixed = new IterativeGradientDescentMse(ops.trainTrain(), y, reg, solver())
          .predict(s, null, ops.testTrain(), null);
      for (int i = 0; i < s.size(); i++) {
        double err = mixed.test().get(i).relativeError(exact.test().get(i));
        assertTrue(err < bound, s.label(i) + ": " + err + " vs cond·2^-24 = " + bound);
        assertTrue(err > 1e-12, s.label(i) + ": float32 storage should show: " + err);
      }
    }
  }

  @Test
  void gpPosteriorMeansAndEnsembleMeansThroughThePredictor() {
    for (PredictionSpec.Kernel kernel : PredictionSpec.Kernel.values()) {
      PredictionSpec spec = new PredictionSpec(PredictionSpec.Mode.GP, kernel,
          PredictionSpec.Loss.MSE, TrainingSchedule.continuous(1, Double.POSITIVE_INFINITY), reg,
          false);
      PredictionKernels k = new PredictionKernels(new KernelPair(train.nngp(), train.ntk()),
          new KernelPair(testTrain.nngp(), testTrain.ntk()), null);
      PredictionResults dense = new Predictor(spec, la).predict(k, y);
      KernelKind kind = kernel.solvesWith();
      try (PredictionOperators ops = PredictionOperators.inMemory(
          k.trainTrain().get(kind, ""), k.testTrain().get(kind, ""), Precision.FLOAT64, 2)) {
        PredictionResults it = new Predictor(spec, la).predict(ops, y, solver());
        double err = it.testMean().get(0).relativeError(dense.testMean().get(0));
        assertTrue(err < 1e-6, kernel + ": " + err);
        assertTrue(it.nngpLogMarginalLikelihood().isEmpty());
      }
    }
    PredictionSpec ensemble = new PredictionSpec(PredictionSpec.Mode.ENSEMBLE,
        PredictionSpec.Kernel.NTK, PredictionSpec.Loss.MSE,
        TrainingSchedule.continuous(1, 3, 300, Double.POSITIVE_INFINITY), reg, false);
    PredictionKernels k = new PredictionKernels(new KernelPair(train.nngp(), train.ntk()),
        new KernelPair(testTrain.nngp(), testTrain.ntk()), null);
    PredictionResults dense = new Predictor(ensemble, la).predict(k, y);
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), testTrain.ntk(),
        Precision.FLOAT64, 2)) {
      PredictionResults it = new Predictor(ensemble, la).predict(ops, y, solver());
      for (int i = 0; i < 3; i++) {
        assertTrue(it.testMean().get(i).relativeError(dense.testMean().get(i)) < 1e-6);
        assertTrue(it.train().get(i).relativeError(dense.train().get(i)) < 1e-6);
      }
      assertEquals(List.of("t=3", "t=300", "t=inf"), it.labels());
    }
  }

  /** Lanczos for the finite times and a Cholesky solve of a copy of K at t = ∞. */
  @Test
  void finiteTimesByLanczosAndInfinityByCholeskyEqualTheDenseForms() {
    PredictionSpec spec = new PredictionSpec(PredictionSpec.Mode.GD, PredictionSpec.Kernel.NTK,
        PredictionSpec.Loss.MSE, TrainingSchedule.continuous(1, 1, 100, Double.POSITIVE_INFINITY),
        reg, false);
    PredictionKernels k = new PredictionKernels(new KernelPair(null, train.ntk()),
        new KernelPair(null, testTrain.ntk()), null);
    PredictionResults dense = new Predictor(spec, la).predict(k, y);
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), testTrain.ntk(),
        Precision.FLOAT32, 2); KrylovSolver s = solver()) {
      PredictionResults hybrid = new Predictor(spec, la).predict(ops, y, s, true);
      assertTrue(s.log().stream().anyMatch(l -> l.startsWith("t = inf by a Cholesky")),
          s.log().toString());
      assertTrue(s.log().stream().noneMatch(l -> l.startsWith("conjugate gradients")));
      // float32 storage: the Cholesky copy is of the rounded kernel, as the products are.
      Matrix rounded = rounded(train.ntk());
      Prediction ref = new GradientDescentMse(la, rounded, y, reg).predict(spec.schedule(), null,
          rounded(testTrain.ntk()), null);
      for (int i = 0; i < 3; i++) {
        assertTrue(hybrid.testMean().get(i).relativeError(ref.test().get(i)) < 1e-6, "t " + i);
        assertTrue(hybrid.testMean().get(i).relativeError(dense.testMean().get(i)) < 1e-3);
      }
    }
  }

  @Test
  void largestStableLearningRateByLanczosEqualsTheEigendecomposition() {
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), null,
        Precision.FLOAT64, 2)) {
      double lanczos = LearningRates.maxLearningRate(ops.trainTrain(), 3L * N, 0.5, solver());
      double dense = LearningRates.maxLearningRate(la, train.ntk(), 3L * N, 0.5);
      assertEquals(dense, lanczos, 1e-9 * dense);
    }
  }

  @Test
  void operatorsThatAreNotKernelsAreRefusedBeforeAnySolve() {
    Matrix square = backend.compute(new KernelRequest(NET, TestMatrices.gaussian(N, 6, 9), x,
        false, true)).ntk();
    try (PredictionOperators ops = PredictionOperators.inMemory(square, null, Precision.FLOAT64,
        1)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new IterativeGradientDescentMse(ops.trainTrain(), y, reg, solver()));
      assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    }
    Matrix withNan = train.ntk().copy();
    withNan.set(3, 3, Double.NaN);
    try (PredictionOperators ops = PredictionOperators.inMemory(withNan, null, Precision.FLOAT64,
        1)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new IterativeGradientDescentMse(ops.trainTrain(), y, reg, solver()));
      assertTrue(e.getMessage().contains("(3, 3)"), e.getMessage());
    }
  }

  @Test
  void whatOnlyTheDensePathGivesIsRefusedWithTheFix() {
    PredictionSpec cov = new PredictionSpec(PredictionSpec.Mode.ENSEMBLE,
        PredictionSpec.Kernel.NTK, PredictionSpec.Loss.MSE,
        TrainingSchedule.continuous(1, 3), reg, true);
    try (PredictionOperators ops = PredictionOperators.inMemory(train.ntk(), testTrain.ntk(),
        Precision.FLOAT64, 1)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new Predictor(cov, la).predict(ops, y, solver()));
      assertTrue(e.getMessage().contains("--solver direct"), e.getMessage());
    }
  }
}
