package org.ntk4j.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/**
 * The distribution of an infinite ensemble of infinitely wide networks trained by gradient
 * descent on MSE, over random initializations f₀ ~ GP(0, K) (neural-tangents'
 * {@code gradient_descent_mse_ensemble}; Lee et al. 2019, eqs. 13–16). With the regularized
 * training kernel G = V·diag(λ)·Vᵀ (the NTK Θ when every layer trains, the NNGP K when only the
 * readout does), residual factor e_t(λ) and A_t = G_xX·V·diag((1 − e_t)/λ)·Vᵀ:
 * <pre>
 *   mean_t(x) = A_t·y
 *   NTK:  cov_t = K_xx + A_t·K_XX·A_tᵀ − (A_t·K_Xx + (A_t·K_Xx)ᵀ)      (K unregularized)
 *   NNGP: cov_t = K_xx − K_xX·V·diag((1 − e_t²)/λ)·Vᵀ·K_Xx
 *   train set: mean V·diag(1 − e_t)·Vᵀ·y; cov NNGP V·diag(λe_t²)·Vᵀ, NTK E_t·K_XX·E_t
 *       with E_t = V·diag(e_t)·Vᵀ
 * </pre>
 * Every time of a schedule goes through one batched product per term; t = ∞ is exact GP
 * inference ({@link GpInference}) with the same regularizer.
 */
public final class GradientDescentMseEnsemble {
  /**
   * Doubles (256 MiB) one batched product's intermediate may hold: covariances are m × m or
   * N × N per time, so long schedules go through in chunks of times.
   */
  private static final long CHUNK_DOUBLES = 1L << 25;

  private final long chunkDoubles;
  private final LinearAlgebra la;
  private final KernelPair trainTrain;
  private final Matrix y;
  private final int n;
  private final DiagonalRegularizer regularizer;
  private final GpInference gp;
  private final Map<KernelKind, SymmetricEigen> eigens = new EnumMap<>(KernelKind.class);

  /**
   * @param trainTrain K(X, X) and Θ(X, X), N × N: NNGP training needs K; NTK training needs Θ,
   *     and K too for covariances
   * @param yTrain N × k targets
   */
  public GradientDescentMseEnsemble(LinearAlgebra la, KernelPair trainTrain, Matrix yTrain,
      DiagonalRegularizer regularizer) {
    this(la, trainTrain, yTrain, regularizer, CHUNK_DOUBLES);
  }

  /** As above, with the intermediate bound of batched products given (for tests). */
  GradientDescentMseEnsemble(LinearAlgebra la, KernelPair trainTrain, Matrix yTrain,
      DiagonalRegularizer regularizer, long chunkDoubles) {
    this.chunkDoubles = chunkDoubles;
    this.la = la;
    this.trainTrain = trainTrain;
    this.y = yTrain;
    this.n = yTrain.rows() * yTrain.cols();
    this.regularizer = regularizer;
    this.gp = new GpInference(la, trainTrain, yTrain, regularizer);
  }

  /** The eigendecomposition of the regularized train-train kernel of {@code kind} (cached). */
  public synchronized SymmetricEigen eigen(KernelKind kind) {
    return eigens.computeIfAbsent(kind,
        k -> la.eigh(regularizer.apply(trainTrain.get(k, "train-train"))));
  }

  /**
   * Mean (and covariance) on the test set at every point of the schedule.
   *
   * @param kind NTK (gradient descent on every layer) or NNGP (on the readout only)
   * @param testTrain K(x, X) and Θ(x, X), m × N (as {@code kind} and covariances need)
   * @param nngpTestTest K(x, x), m × m, or null for means only
   */
  public List<Gaussian> test(KernelKind kind, TrainingSchedule schedule, KernelPair testTrain,
      Matrix nngpTestTest) {
    Matrix gTd = testTrain.get(kind, "test-train");
    PredictionChecks.requireTestTrain(gTd, kind.label(), y.rows());
    int m = gTd.rows();
    Matrix kTd = null;
    if (nngpTestTest != null) {
      PredictionChecks.requireTestTest(nngpTestTest, "NNGP", m);
      kTd = testTrain.get(KernelKind.NNGP, "test-train");
      PredictionChecks.requireTestTrain(kTd, "NNGP", y.rows());
    }
    Gaussian[] out = new Gaussian[schedule.size()];
    int[] finite = GradientDescentMse.pointsWhere(schedule, false);
    if (finite.length > 0) {
      SymmetricEigen e = eigen(kind);
      Matrix v = e.vectors();
      Matrix growth = SpectralFactors.of(e, finite, (l, t) -> schedule.growth(l, t, n, 1));
      Matrix gTdV = la.multiply(gTd, v);
      List<Matrix> means = la.diagonalScaledProducts(gTdV, growth, la.multiplyTransposeA(v, y));
      List<Matrix> covs = null;
      if (nngpTestTest != null) {
        Matrix vtKdt = la.multiplyTransposeA(v, kTd.transpose());
        covs = kind == KernelKind.NNGP
            ? nngpTestCovariances(e, schedule, finite, gTdV, vtKdt, nngpTestTest)
            : ntkTestCovariances(e, growth, gTd, gTdV, vtKdt, nngpTestTest);
      }
      for (int j = 0; j < finite.length; j++) {
        out[finite[j]] = new Gaussian(means.get(j), covs == null ? null : covs.get(j));
      }
    }
    int[] infinite = GradientDescentMse.pointsWhere(schedule, true);
    if (infinite.length > 0) {
      Gaussian limit = gp.posterior(kind == KernelKind.NNGP ? GpInference.Mode.NNGP
          : GpInference.Mode.NTK, testTrain,
          nngpTestTest == null ? null : KernelPair.nngpOnly(nngpTestTest));
      for (int p : infinite) {
        out[p] = limit;
      }
    }
    requireFinite("test", out, schedule, kind, finite.length > 0);
    return List.of(out);
  }

  /** The finite-or-refused rule for the means and covariances of a set at every time. */
  private void requireFinite(String set, Gaussian[] out, TrainingSchedule schedule,
      KernelKind kind, boolean eigenFormed) {
    SymmetricEigen e = eigenFormed ? eigen(kind) : null;
    FinitePredictions.require(set + " means", Arrays.stream(out).map(Gaussian::mean).toList(),
        schedule, e, n);
    FinitePredictions.require(set + " covariances", Arrays.stream(out)
        .map(Gaussian::covariance).toList(), schedule, e, n);
  }

  /** K_xx − (K_xX·V)·diag((1 − e²)/λ)·(Vᵀ·K_Xx) for every time. */
  private List<Matrix> nngpTestCovariances(SymmetricEigen e, TrainingSchedule schedule,
      int[] finite, Matrix kTdV, Matrix vtKdt, Matrix kTt) {
    Matrix growth2 = SpectralFactors.of(e, finite, (l, t) -> schedule.growth(l, t, n, 2));
    List<Matrix> out = new ArrayList<>(finite.length);
    for (Matrix x : chunkedProducts(kTdV, growth2, vtKdt)) {
      out.add(MatrixOps.addScaled(kTt, -1, x));
    }
    return out;
  }

  /** K_xx + A·K·Aᵀ − (A·K_Xx + transpose) for every time, A = Θ_xX·V·diag(g)·Vᵀ. */
  private List<Matrix> ntkTestCovariances(SymmetricEigen e, Matrix growth, Matrix thetaTd,
      Matrix thetaTdV, Matrix vtKdt, Matrix kTt) {
    Matrix nngpTrain = trainTrain.get(KernelKind.NNGP, "train-train");
    Matrix v = e.vectors();
    Matrix vtThetaDt = la.multiplyTransposeA(v, thetaTd.transpose());
    List<Matrix> out = new ArrayList<>(growth.rows());
    int per = timesPerChunk(v.rows(), thetaTd.rows());
    for (int from = 0; from < growth.rows(); from += per) {
      Matrix chunk = growth.rowRange(from, Math.min(growth.rows(), from + per));
      // Aᵀ = V·diag(g)·Vᵀ·Θ_Xx, N × m per time.
      List<Matrix> aTransposed = la.diagonalScaledProducts(v, chunk, vtThetaDt);
      List<Matrix> cross = la.diagonalScaledProducts(thetaTdV, chunk, vtKdt);
      for (int j = 0; j < cross.size(); j++) {
        Matrix at = aTransposed.get(j);
        Matrix quadratic = la.multiplyTransposeA(at, la.multiply(nngpTrain, at));
        out.add(MatrixOps.addScaled(MatrixOps.addScaled(kTt, 1, quadratic), -1,
            MatrixOps.symmetricPart2(cross.get(j))));
      }
    }
    return out;
  }

  /** {@link LinearAlgebra#diagonalScaledProducts} over chunks of times, bounding memory. */
  private List<Matrix> chunkedProducts(Matrix left, Matrix factors, Matrix right) {
    List<Matrix> out = new ArrayList<>(factors.rows());
    int per = timesPerChunk(right.rows(), right.cols());
    for (int from = 0; from < factors.rows(); from += per) {
      out.addAll(la.diagonalScaledProducts(left,
          factors.rowRange(from, Math.min(factors.rows(), from + per)), right));
    }
    return out;
  }

  /** Times per batched product so its r × (times·k) intermediate stays under the bound. */
  private int timesPerChunk(int r, int k) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkDoubles / Math.max(1L,
        (long) r * k)));
  }

  /**
   * Mean (and covariance) on the training set at every point of the schedule; at t = ∞ the
   * ensemble sits on y with zero covariance.
   */
  public List<Gaussian> train(KernelKind kind, TrainingSchedule schedule, boolean covariance) {
    Gaussian[] out = new Gaussian[schedule.size()];
    int[] finite = GradientDescentMse.pointsWhere(schedule, false);
    if (finite.length > 0) {
      SymmetricEigen e = eigen(kind);
      Matrix v = e.vectors();
      Matrix fitted = SpectralFactors.of(e, finite,
          (l, t) -> schedule.oneMinusResidualFactor(l, t, n, 1));
      List<Matrix> means = la.spectralFunction(e, fitted, y);
      List<Matrix> covs = null;
      if (covariance) {
        Matrix vt = v.transpose();
        if (kind == KernelKind.NNGP) {
          Matrix left = SpectralFactors.of(e, finite,
              (l, t) -> Math.max(l, 0) * schedule.residualFactor(l, t, n, 2));
          covs = chunkedProducts(v, left, vt);
        } else {
          Matrix nngpTrain = trainTrain.get(KernelKind.NNGP, "train-train");
          Matrix residual = SpectralFactors.of(e, finite,
              (l, t) -> schedule.residualFactor(l, t, n, 1));
          List<Matrix> shrink = chunkedProducts(v, residual, vt);
          covs = new ArrayList<>(shrink.size());
          for (Matrix s : shrink) {
            covs.add(la.multiply(s, la.multiply(nngpTrain, s)));
          }
        }
      }
      for (int j = 0; j < finite.length; j++) {
        out[finite[j]] = new Gaussian(means.get(j), covs == null ? null : covs.get(j));
      }
    }
    for (int p : GradientDescentMse.pointsWhere(schedule, true)) {
      out[p] = new Gaussian(y.copy(), covariance ? Matrix.zeros(y.rows(), y.rows()) : null);
    }
    requireFinite("train", out, schedule, kind, finite.length > 0);
    return List.of(out);
  }
}
