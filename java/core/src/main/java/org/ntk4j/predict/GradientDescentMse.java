package org.ntk4j.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/**
 * Closed-form gradient descent on the MSE loss 1/(2n)·‖f − y‖² (n = y.size) in function space,
 * for a wide network whose tangent kernel is K (neural-tangents' {@code gradient_descent_mse};
 * Lee et al. 2019, eqs. 9–11). With K_reg = V·diag(λ)·Vᵀ and λ clipped at 0:
 * <pre>
 *   f_t(X) = f₀(X) + V·diag(1 − e_t(λ))·Vᵀ·(y − f₀(X))
 *   f_t(x) = f₀(x) + K(x, X)·V·diag((1 − e_t(λ))/λ)·Vᵀ·(y − f₀(X))
 * </pre>
 * with the residual factor e_t of {@link TrainingSchedule}. One eigendecomposition serves every
 * time and every output column: all times go through one product per set (train, test). At
 * t = ∞ the train outputs are y and the test outputs use a Cholesky solve with K_reg.
 *
 * <p>{@link #consuming} takes the kernel over instead of copying it: it is regularized and
 * factored in place, so a prediction at t = ∞ holds one N × N matrix.
 */
public final class GradientDescentMse {
  private final LinearAlgebra la;
  private final Matrix kernel;
  private final Matrix y;
  private final int n;
  private final boolean owned;
  private SymmetricEigen eigen;
  private Matrix cholesky;
  private Matrix weights;

  /**
   * @param kTrainTrain K(X, X), N × N (the NTK for gradient descent; the NNGP for readout-only)
   * @param yTrain the targets, N × k
   */
  public GradientDescentMse(LinearAlgebra la, Matrix kTrainTrain, Matrix yTrain,
      DiagonalRegularizer regularizer) {
    this(la, kTrainTrain, yTrain, regularizer, false);
  }

  private GradientDescentMse(LinearAlgebra la, Matrix kTrainTrain, Matrix yTrain,
      DiagonalRegularizer regularizer, boolean owned) {
    PredictionChecks.requireTrain(kTrainTrain, "kernel", yTrain);
    this.la = la;
    this.owned = owned;
    if (owned) {
      regularizer.applyInPlace(kTrainTrain);
      this.kernel = kTrainTrain;
    } else {
      this.kernel = regularizer.apply(kTrainTrain);
    }
    this.y = yTrain;
    this.n = yTrain.rows() * yTrain.cols();
  }

  /**
   * As the constructor, but {@code kTrainTrain} is handed over: it is regularized in place and,
   * at t = ∞, overwritten by its Cholesky factor (after any eigendecomposition the finite times
   * need). The caller must not use it afterwards.
   */
  public static GradientDescentMse consuming(LinearAlgebra la, Matrix kTrainTrain,
      Matrix yTrain, DiagonalRegularizer regularizer) {
    return new GradientDescentMse(la, kTrainTrain, yTrain, regularizer, true);
  }

  /** The eigendecomposition of the regularized kernel (computed once, on first use). */
  public synchronized SymmetricEigen eigen() {
    if (eigen == null) {
      if (owned && cholesky != null) {
        throw new IllegalStateException("this prediction factored its kernel in place for"
            + " t = inf; finite times need the eigendecomposition, asked for before that");
      }
      eigen = la.eigh(kernel);
    }
    return eigen;
  }

  /**
   * The lower Cholesky factor of the regularized kernel (computed once, on first use); for a
   * {@link #consuming} instance it is the kernel matrix itself, whose strict upper triangle
   * still holds K_reg (solves read only the lower one).
   */
  public synchronized Matrix choleskyFactor() {
    if (cholesky == null) {
      if (owned) {
        la.choleskyInPlace(kernel);
        cholesky = kernel;
      } else {
        cholesky = la.cholesky(kernel);
      }
    }
    return cholesky;
  }

  /**
   * The test outputs at t = ∞ from f₀ = 0, K(x, X)·K_reg⁻¹·y, for some rows of K(x, X): the
   * test-train kernel can be computed and used a block of rows at a time, never held whole.
   */
  public Matrix testAtInfinity(Matrix kTestTrainRows) {
    PredictionChecks.requireTestTrain(kTestTrainRows, "kernel", y.rows());
    return la.multiply(kTestTrainRows, weightsAtInfinity());
  }

  /** K_reg⁻¹·y (computed once). */
  private synchronized Matrix weightsAtInfinity() {
    if (weights == null) {
      weights = la.solveWithCholesky(choleskyFactor(), y);
    }
    return weights;
  }

  /**
   * The train and (if {@code kTestTrain} is given) test outputs at every point of the schedule.
   *
   * @param fTrain0 f₀(X), N × k, or null for 0 (which gives the mean over initializations)
   * @param kTestTrain K(x, X), m × N, or null for train outputs only
   * @param fTest0 f₀(x), m × k, or null for 0
   * @throws org.ntk4j.linalg.NotPositiveDefiniteException at t = ∞ when K_reg cannot be factored
   */
  public Prediction predict(TrainingSchedule schedule, Matrix fTrain0, Matrix kTestTrain,
      Matrix fTest0) {
    int nTrain = y.rows();
    int k = y.cols();
    int nTest = PredictionChecks.requirePredictionInputs(fTrain0, kTestTrain, "kernel", fTest0,
        nTrain, k);
    Matrix f0 = MatrixOps.orZeros(fTrain0, nTrain, k);
    Matrix f0Test = kTestTrain == null ? null : MatrixOps.orZeros(fTest0, nTest, k);
    Matrix residual = MatrixOps.addScaled(y, -1, f0);

    int size = schedule.size();
    Matrix[] train = new Matrix[size];
    Matrix[] test = kTestTrain == null ? null : new Matrix[size];
    int[] finite = pointsWhere(schedule, false);
    if (finite.length > 0) {
      SymmetricEigen e = eigen();
      Matrix v = e.vectors();
      Matrix projected = la.multiplyTransposeA(v, residual);
      Matrix trainFactors = SpectralFactors.of(e, finite,
          (l, t) -> schedule.oneMinusResidualFactor(l, t, n, 1));
      List<Matrix> dTrain = la.diagonalScaledProducts(v, trainFactors, projected);
      List<Matrix> dTest = null;
      if (kTestTrain != null) {
        Matrix testFactors = SpectralFactors.of(e, finite, (l, t) -> schedule.growth(l, t, n, 1));
        dTest = la.diagonalScaledProducts(la.multiply(kTestTrain, v), testFactors, projected);
      }
      for (int j = 0; j < finite.length; j++) {
        train[finite[j]] = MatrixOps.addScaled(f0, 1, dTrain.get(j));
        if (dTest != null) {
          test[finite[j]] = MatrixOps.addScaled(f0Test, 1, dTest.get(j));
        }
      }
    }
    int[] infinite = pointsWhere(schedule, true);
    if (infinite.length > 0) {
      Matrix testInf = kTestTrain == null ? null : MatrixOps.addScaled(f0Test, 1,
          la.multiply(kTestTrain, la.solveWithCholesky(choleskyFactor(), residual)));
      for (int p : infinite) {
        train[p] = y.copy();
        if (test != null) {
          test[p] = testInf;
        }
      }
    }
    SymmetricEigen formed = finite.length > 0 ? eigen() : null;
    FinitePredictions.require("train outputs", Arrays.asList(train), schedule, formed, n);
    if (test != null) {
      FinitePredictions.require("test outputs", Arrays.asList(test), schedule, formed, n);
    }
    return new Prediction(List.of(train), test == null ? null : List.of(test));
  }

  /** Indices of the schedule's infinite (or finite) points. */
  static int[] pointsWhere(TrainingSchedule schedule, boolean infinite) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < schedule.size(); i++) {
      if (schedule.isInfinite(i) == infinite) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
