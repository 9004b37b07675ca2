package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.krylov.KrylovSettings;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.PredictionOperators;
import org.ntk4j.predict.PredictionResults;
import org.ntk4j.predict.PredictionSpec;
import org.ntk4j.predict.Predictor;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.stax.Architecture;

/**
 * The kernel operator of row panels on Spark executors ({@code local[2]}): products, rows and
 * diagonal of the single-process kernel, with N not a multiple of the panel height (the last
 * panel is short), its panels cached once or recomputed; a prediction through it equals the
 * single-machine solvers' to 1e-6.
 */
class SparkKernelOperatorTest {
  private static final Architecture NET = Architecture.parse("dense(64, w_std=1.5,"
      + " b_std=0.05), relu(), dense(64, w_std=1.5, b_std=0.05), relu(), dense(1, w_std=1.5)");
  /** 300 rows in panels of 64: four full panels and one of 44. */
  private static final int N = 300;
  private static final int HEIGHT = 64;
  private static SparkContext spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static SparkKernelOptions options(Precision precision) {
    return SparkKernelOptions.defaults().withBackend("java").withPrecision(precision)
        .withTileEdge(HEIGHT);
  }

  @Test
  void cachedAndRecomputedPanelsGiveTheProductsRowsAndDiagonalOfTheKernel() {
    Matrix x = TestMatrices.gaussian(N, 16, 1);
    Matrix k = new JavaBackend().compute(new KernelRequest(NET, x, null, false, true)).ntk();
    Matrix v = TestMatrices.gaussian(N, 3, 2);
    Matrix expected = DenseKernelOperator.of(k, 1).multiply(v);
    int[] indices = {N - 1, 0, HEIGHT, HEIGHT - 1, 150, 299};
    for (PanelStorage storage : List.of(PanelStorage.CACHED, PanelStorage.RECOMPUTED)) {
      try (SparkKernelOperator op = SparkKernelOperator.symmetric(spark, NET, x, true,
          options(Precision.FLOAT64), storage)) {
        assertEquals(5, op.panels());
        assertEquals(storage == PanelStorage.CACHED, op.cached());
        for (int product = 0; product < 3; product++) {
          assertTrue(op.multiply(v).relativeError(expected) < 1e-14, storage.name());
        }
        Matrix rows = op.rows(indices);
        for (int r = 0; r < indices.length; r++) {
          for (int j = 0; j < N; j++) {
            assertEquals(k.get(indices[r], j), rows.get(r, j), 1e-14 * k.get(0, 0),
                storage + " row " + indices[r]);
          }
        }
        double[] diagonal = op.diagonal();
        for (int i = 0; i < N; i++) {
          assertEquals(k.get(i, i), diagonal[i], 1e-14 * k.get(i, i), storage + " " + i);
        }
        assertEquals(storage == PanelStorage.CACHED ? 5 : 0, op.panelsComputed(),
            "cached panels are computed once for every product and row request");
        assertTrue(op.description().startsWith("on Spark local[2] (backend java): 5 row panels"
            + " of 64 rows on 1 executor, " + (storage == PanelStorage.CACHED ? "cached"
            : "recomputed")), op.description());
      }
    }
  }

  @Test
  void aRectangularKernelAndFloat32PanelsMultiplyAsTheSingleProcessKernel() {
    Matrix x = TestMatrices.gaussian(N, 16, 3);
    Matrix xTest = TestMatrices.gaussian(70, 16, 4);
    Matrix v = TestMatrices.gaussian(N, 2, 5);
    Matrix testTrain = new JavaBackend().compute(new KernelRequest(NET, xTest, x, true, false))
        .nngp();
    try (SparkKernelOperator op = SparkKernelOperator.of(spark, NET, xTest, x, false,
        options(Precision.FLOAT64), PanelStorage.AUTO)) {
      assertEquals(2, op.panels());
      assertTrue(op.cached(), op.description());
      assertTrue(op.multiply(v).relativeError(DenseKernelOperator.of(testTrain, 1).multiply(v))
          < 1e-14);
      assertThrows(IllegalStateException.class, op::diagonal);
    }
    Matrix k = new JavaBackend().compute(new KernelRequest(NET, x, null, false, true)).ntk();
    try (SparkKernelOperator op = SparkKernelOperator.symmetric(spark, NET, x, true,
        options(Precision.FLOAT32), PanelStorage.CACHED)) {
      Matrix float32 = DenseKernelOperator.of(k, Precision.FLOAT32, 1).multiply(v);
      assertTrue(op.multiply(v).relativeError(float32) < 1e-14, "float32 panels, float64 sums");
    }
  }

  /** Finite times (Lanczos) and t = inf (preconditioned CG), train and test outputs. */
  @Test
  void aPredictionEqualsTheSingleMachineSolversToOneInAMillion() {
    Matrix x = TestMatrices.gaussian(N, 16, 6);
    Matrix xTest = TestMatrices.gaussian(90, 16, 7);
    Matrix y = TestMatrices.gaussian(N, 2, 8);
    PredictionSpec spec = new PredictionSpec(PredictionSpec.Mode.GD, PredictionSpec.Kernel.NTK,
        PredictionSpec.Loss.MSE, TrainingSchedule.continuous(1, 1, 100, Double.POSITIVE_INFINITY),
        DiagonalRegularizer.relative(1e-3), false);
    Predictor predictor = new Predictor(spec, new JavaLinearAlgebra());
    KrylovSettings settings = KrylovSettings.defaults().withTolerance(1e-10);
    PredictionResults direct = predictor.predict(new JavaBackend(), NET, x, y, xTest);
    PredictionResults single;
    try (PredictionOperators ops = PredictionOperators.fromArchitecture(new JavaBackend(), NET,
            x, xTest, true, MatrixAllocator.HEAP, 2);
        KrylovSolver solver = new KrylovSolver(settings)) {
      single = predictor.predict(ops, y, solver);
    }
    for (PanelStorage storage : List.of(PanelStorage.CACHED, PanelStorage.RECOMPUTED)) {
      PredictionResults distributed;
      try (PredictionOperators ops = SparkKernelOperator.predictionOperators(spark, NET, x,
              xTest, true, options(Precision.FLOAT64), storage);
          KrylovSolver solver = new KrylovSolver(settings)) {
        distributed = predictor.predict(ops, y, solver);
        assertEquals(storage == PanelStorage.CACHED,
            ((SparkKernelOperator) ops.trainTrain()).cached());
        assertTrue(solver.log().stream().anyMatch(l -> l.startsWith("conjugate gradients")),
            solver.log().toString());
      }
      for (int t = 0; t < 3; t++) {
        String at = storage + " at " + direct.labels().get(t);
        assertTrue(distributed.testMean().get(t).relativeError(single.testMean().get(t)) < 1e-6,
            at);
        assertTrue(distributed.testMean().get(t).relativeError(direct.testMean().get(t)) < 1e-6,
            at);
        assertTrue(distributed.train().get(t).relativeError(direct.train().get(t)) < 1e-6, at);
      }
    }
  }
}
