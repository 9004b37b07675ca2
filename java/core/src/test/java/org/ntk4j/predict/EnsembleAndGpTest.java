package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

class EnsembleAndGpTest {
  private static final int N = 6;
  private static final int M = 4;
  private static final int SAMPLES = 100_000;
  private final JavaLinearAlgebra la = new JavaLinearAlgebra();
  private final Kernels joint = new JavaBackend(1).compute(KernelRequest.symmetric(
      Architecture.parse("dense(1, w_std=1.5, b_std=0.3), relu(), dense(1, w_std=1.5, b_std=0.3)"
          + ", relu(), dense(1, w_std=1.5, b_std=0.3)"),
      TestMatrices.gaussian(N + M, 5, 11)));
  private final KernelPair trainTrain = part(0, N, 0, N);
  private final KernelPair testTrain = part(N, N + M, 0, N);
  private final Matrix nngpTestTest = Fixtures.block(joint.nngp(), N, N + M, N, N + M);
  private final Matrix y = TestMatrices.gaussian(N, 1, 12);

  private KernelPair part(int r0, int r1, int c0, int c1) {
    return new KernelPair(Fixtures.block(joint.nngp(), r0, r1, c0, c1),
        Fixtures.block(joint.ntk(), r0, r1, c0, c1));
  }

  /** SAMPLES draws of f₀ ~ GP(0, K) on train+test, as the columns of an (N+M) × S matrix. */
  private Matrix samplePrior(long seed) {
    Matrix l = la.cholesky(joint.nngp());
    Random r = new Random(seed);
    double[] z = new double[(N + M) * SAMPLES];
    for (int i = 0; i < z.length; i++) {
      z[i] = r.nextGaussian();
    }
    return la.multiply(l, new Matrix(N + M, SAMPLES, z));
  }

  /** Mean and covariance over columns, checked against the closed form within 5 sigma. */
  private static void assertAgreesWithSamples(Gaussian expected, Matrix samples) {
    int m = samples.rows();
    int s = samples.cols();
    Matrix cov = expected.covariance();
    double[] mean = new double[m];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < s; c++) {
        mean[i] += samples.get(i, c) / s;
      }
      double se = Math.sqrt(cov.get(i, i) / s);
      assertEquals(expected.mean().get(i, 0), mean[i], 5 * se + 1e-12, "mean " + i);
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double acc = 0;
        for (int c = 0; c < s; c++) {
          acc += (samples.get(i, c) - mean[i]) * (samples.get(j, c) - mean[j]);
        }
        double se = Math.sqrt((cov.get(i, i) * cov.get(j, j) + cov.get(i, j) * cov.get(i, j))
            / s);
        assertEquals(cov.get(i, j), acc / (s - 1), 5 * se + 1e-12, "cov " + i + "," + j);
      }
    }
  }

  @Test
  void ensembleMatchesMonteCarloOverInitializations() {
    double[] times = {0.5, 4, 40};
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-4);
    GradientDescentMseEnsemble ensemble = new GradientDescentMseEnsemble(la, trainTrain, y, reg);
    Matrix f0 = samplePrior(13);
    Matrix f0Train = f0.rowRange(0, N);
    Matrix f0Test = f0.rowRange(N, N + M);
    Matrix ys = Matrix.zeros(N, SAMPLES);
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < SAMPLES; c++) {
        ys.set(i, c, y.get(i, 0));
      }
    }
    for (KernelKind kind : KernelKind.values()) {
      List<Gaussian> test = ensemble.test(kind, TrainingSchedule.continuous(1, times),
          testTrain, nngpTestTest);
      List<Gaussian> train = ensemble.train(kind, TrainingSchedule.continuous(1, times), true);
      // Each sample trained by the (separately verified) closed form: S columns make n = N·S,
      // so the rate is scaled by S to keep τ/n that of one column.
      Prediction trained = new GradientDescentMse(la, trainTrain.get(kind, "train-train"), ys,
          reg).predict(TrainingSchedule.continuous(SAMPLES, times), f0Train,
          testTrain.get(kind, "test-train"), f0Test);
      for (int t = 0; t < times.length; t++) {
        assertAgreesWithSamples(test.get(t), trained.test().get(t));
        assertAgreesWithSamples(train.get(t), trained.train().get(t));
      }
    }
  }

  @Test
  void longTimesReachGpInference() {
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-2);
    GradientDescentMseEnsemble ensemble = new GradientDescentMseEnsemble(la, trainTrain, y, reg);
    for (KernelKind kind : KernelKind.values()) {
      List<Gaussian> g = ensemble.test(kind, TrainingSchedule.continuous(1, 1e9,
          Double.POSITIVE_INFINITY), testTrain, nngpTestTest);
      assertTrue(g.get(0).mean().relativeError(g.get(1).mean()) < 1e-8);
      assertTrue(g.get(0).covariance().relativeError(g.get(1).covariance()) < 1e-8);
    }
  }

  @Test
  void timesInSmallChunksGiveTheSameAnswers() {
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-3);
    TrainingSchedule s = TrainingSchedule.continuous(0.7, 0, 0.3, 2, 9, 50);
    GradientDescentMseEnsemble whole = new GradientDescentMseEnsemble(la, trainTrain, y, reg);
    // Room for about two times per product: chunks of 2, 2 and 1.
    GradientDescentMseEnsemble chunked = new GradientDescentMseEnsemble(la, trainTrain, y, reg,
        2L * N * M);
    for (KernelKind kind : KernelKind.values()) {
      List<Gaussian> a = whole.test(kind, s, testTrain, nngpTestTest);
      List<Gaussian> b = chunked.test(kind, s, testTrain, nngpTestTest);
      List<Gaussian> ta = whole.train(kind, s, true);
      List<Gaussian> tb = chunked.train(kind, s, true);
      assertEquals(s.size(), b.size());
      for (int t = 0; t < s.size(); t++) {
        assertEquals(0.0, b.get(t).covariance().relativeError(a.get(t).covariance()), 1e-14);
        assertEquals(0.0, tb.get(t).covariance().relativeError(ta.get(t).covariance()), 1e-14);
      }
    }
  }

  @Test
  void nngpPosteriorIsGaussianConditioning() {
    GpInference gp = new GpInference(la, trainTrain, y, DiagonalRegularizer.NONE);
    Gaussian post = gp.posterior(GpInference.Mode.NNGP, testTrain,
        KernelPair.nngpOnly(nngpTestTest));
    Matrix kTd = testTrain.nngp();
    Matrix kInvKdt = Fixtures.gaussSolve(trainTrain.nngp(), kTd.transpose());
    assertTrue(post.mean().relativeError(TestMatrices.product(kTd,
        Fixtures.gaussSolve(trainTrain.nngp(), y))) < 1e-10);
    assertTrue(post.covariance().relativeError(Fixtures.axpy(nngpTestTest, -1,
        TestMatrices.product(kTd, kInvKdt))) < 1e-9);
    Matrix ntkTestTest = Fixtures.block(joint.ntk(), N, N + M, N, N + M);
    Gaussian ntkgp = gp.posterior(GpInference.Mode.NTKGP, testTrain,
        new KernelPair(null, ntkTestTest));
    Matrix thetaTd = testTrain.ntk();
    assertTrue(ntkgp.covariance().relativeError(Fixtures.axpy(ntkTestTest, -1,
        TestMatrices.product(thetaTd, Fixtures.gaussSolve(trainTrain.ntk(), thetaTd.transpose()))))
        < 1e-9);
  }

  @Test
  void logMarginalLikelihoodIsTheGaussianDensity() {
    Matrix y2 = TestMatrices.gaussian(N, 2, 14);
    GpInference gp = new GpInference(la, trainTrain, y2, DiagonalRegularizer.relative(1e-3));
    Matrix k = DiagonalRegularizer.relative(1e-3).apply(trainTrain.nngp());
    double logDet = 0;
    for (double l : la.eigh(k).values()) {
      logDet += Math.log(l);
    }
    Matrix alpha = Fixtures.gaussSolve(k, y2);
    double fit = 0;
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < 2; c++) {
        fit += y2.get(i, c) * alpha.get(i, c);
      }
    }
    double expected = -0.5 * fit - logDet - N * Math.log(2 * Math.PI);
    assertEquals(expected, gp.nngpLogMarginalLikelihood(), 1e-10 * Math.abs(expected));
  }
}
