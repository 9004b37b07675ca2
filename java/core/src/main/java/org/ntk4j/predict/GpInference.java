package org.ntk4j.predict;

import java.util.Collections;
import java.util.List;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * Exact Gaussian-process inference with infinite-width kernels (neural-tangents'
 * {@code gp_inference}), each train-train kernel regularized and factored by Cholesky once:
 * <ul>
 *   <li>NNGP posterior (the exact Bayesian posterior of the infinite network):
 *       mean K_xX·K⁻¹·y, cov K_xx − K_xX·K⁻¹·K_Xx;
 *   <li>NTK (the infinite ensemble trained to convergence): mean Θ_xX·Θ⁻¹·y,
 *       cov K_xx + Θ_xX·Θ⁻¹·K·Θ⁻¹·Θ_Xx − (Θ_xX·Θ⁻¹·K_Xx + transpose), with K unregularized;
 *   <li>NTK-GP (a GP with the NTK as covariance, He et al. 2020): mean Θ_xX·Θ⁻¹·y,
 *       cov Θ_xx − Θ_xX·Θ⁻¹·Θ_Xx.
 * </ul>
 */
public final class GpInference {
  /** The three posteriors. */
  public enum Mode {
    NNGP, NTK, NTKGP
  }

  private final LinearAlgebra la;
  private final KernelPair trainTrain;
  private final Matrix y;
  private final DiagonalRegularizer regularizer;
  private Matrix nngpCholesky;
  private Matrix ntkCholesky;

  /**
   * @param trainTrain K(X, X) and/or Θ(X, X), N × N (the modes used decide which are needed)
   * @param yTrain N × k targets
   */
  public GpInference(LinearAlgebra la, KernelPair trainTrain, Matrix yTrain,
      DiagonalRegularizer regularizer) {
    for (KernelKind kind : KernelKind.values()) {
      Matrix k = kind == KernelKind.NNGP ? trainTrain.nngp() : trainTrain.ntk();
      if (k != null) {
        PredictionChecks.requireTrain(k, kind.label(), yTrain);
      }
    }
    this.la = la;
    this.trainTrain = trainTrain;
    this.y = yTrain;
    this.regularizer = regularizer;
  }

  /** The lower Cholesky factor of the regularized train-train kernel of {@code kind}. */
  synchronized Matrix cholesky(KernelKind kind) {
    if (kind == KernelKind.NNGP) {
      if (nngpCholesky == null) {
        nngpCholesky = la.cholesky(regularizer.apply(trainTrain.get(kind, "train-train")));
      }
      return nngpCholesky;
    }
    if (ntkCholesky == null) {
      ntkCholesky = la.cholesky(regularizer.apply(trainTrain.get(kind, "train-train")));
    }
    return ntkCholesky;
  }

  /**
   * The posterior on the test set.
   *
   * @param testTrain K(x, X) and/or Θ(x, X), m × N
   * @param testTest K(x, x) (or Θ(x, x) for NTK-GP), m × m, or null for the mean only
   */
  public Gaussian posterior(Mode mode, KernelPair testTrain, KernelPair testTest) {
    Gaussian g = unchecked(mode, testTrain, testTest);
    FinitePredictions.require("posterior means", List.of(g.mean()), null, null, y.rows() * y.cols());
    FinitePredictions.require("posterior covariances", Collections.singletonList(
        g.covariance()), null, null, y.rows() * y.cols());
    return g;
  }

  private Gaussian unchecked(Mode mode, KernelPair testTrain, KernelPair testTest) {
    KernelKind solveWith = mode == Mode.NNGP ? KernelKind.NNGP : KernelKind.NTK;
    Matrix kTd = testTrain.get(solveWith, "test-train");
    PredictionChecks.requireTestTrain(kTd, solveWith.label(), y.rows());
    Matrix chol = cholesky(solveWith);
    Matrix mean = la.multiply(kTd, la.solveWithCholesky(chol, y));
    if (testTest == null) {
      return new Gaussian(mean, null);
    }
    int m = kTd.rows();
    KernelKind prior = mode == Mode.NTKGP ? KernelKind.NTK : KernelKind.NNGP;
    Matrix kTt = testTest.get(prior, "test-test");
    PredictionChecks.requireTestTest(kTt, prior.label(), m);
    Matrix priorTd = testTrain.get(prior, "test-train");
    PredictionChecks.requireTestTrain(priorTd, prior.label(), y.rows());
    // Θ⁻¹·K_Xx (or K⁻¹·K_Xx): N × m.
    Matrix solvedPrior = la.solveWithCholesky(chol, priorTd.transpose());
    Matrix cross = la.multiply(kTd, solvedPrior);
    if (mode != Mode.NTK) {
      return new Gaussian(mean, MatrixOps.addScaled(kTt, -1, cross));
    }
    Matrix nngpTrain = trainTrain.get(KernelKind.NNGP, "train-train");
    Matrix term1 = la.solveWithCholesky(chol, kTd.transpose());
    Matrix quadratic = la.multiplyTransposeA(term1, la.multiply(nngpTrain, term1));
    Matrix cov = MatrixOps.addScaled(MatrixOps.addScaled(kTt, 1, quadratic), -1,
        MatrixOps.symmetricPart2(cross));
    return new Gaussian(mean, cov);
  }

  /**
   * The log marginal likelihood of y under the NNGP prior with the regularized kernel, summed
   * over the k independent output columns (Rasmussen & Williams 2006, eq. 2.30):
   * log p(y) = −½·Σ_c y_cᵀK⁻¹y_c − k·Σᵢ log Lᵢᵢ − (N·k/2)·log 2π.
   */
  public double nngpLogMarginalLikelihood() {
    Matrix chol = cholesky(KernelKind.NNGP);
    Matrix alpha = la.solveWithCholesky(chol, y);
    double fit = 0;
    double[] a = alpha.toDoubleArray();
    double[] yd = y.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      fit += a[i] * yd[i];
    }
    double logDet = 0;
    for (int i = 0; i < chol.rows(); i++) {
      logDet += Math.log(chol.get(i, i));
    }
    int n = y.rows();
    int k = y.cols();
    return -0.5 * fit - k * logDet - 0.5 * n * k * Math.log(2 * Math.PI);
  }
}
