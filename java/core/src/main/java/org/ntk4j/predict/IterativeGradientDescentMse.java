package org.ntk4j.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.InputChecks;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.krylov.BlockConjugateGradient;
import org.ntk4j.krylov.ColumnBlocks;
import org.ntk4j.krylov.KrylovMatrixFunctions;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.krylov.RegularizedOperator;
import org.ntk4j.linalg.Matrix;

/**
 * {@link GradientDescentMse}'s closed forms (docs/MATH.md §6) without a factorization, over
 * kernel operators (§8), for any N the operator holds. With K_reg = K + σ·I, r₀ = y − f₀(X) and the
 * residual factor e_t of {@link TrainingSchedule} (e^{−λτ/n}, or (1 − ηλ/n)^k for discrete
 * steps):
 * <pre>
 *   f_t(X) = f₀(X) + g_t(K_reg)·r₀,           g_t(λ) = 1 − e_t(λ)
 *   f_t(x) = f₀(x) + K(x, X)·φ_t(K_reg)·r₀,   φ_t(λ) = (1 − e_t(λ))/λ
 * </pre>
 * Every finite time's g_t and φ_t come from one block Lanczos basis started at r₀
 * ({@link KrylovMatrixFunctions}); t = ∞ (train outputs y, test K(x, X)·K_reg⁻¹·r₀) is a
 * preconditioned conjugate-gradient solve. K(x, X) is applied once, to every time's vectors
 * side by side. Both stop at the solver's tolerance: the results equal the eigendecomposition
 * and Cholesky forms to about that relative error (times the conditioning for t = ∞).
 */
public final class IterativeGradientDescentMse {
  private final KernelOperator kernel;
  private final Matrix y;
  private final RegularizedOperator regularized;
  private final KrylovSolver solver;
  private UnaryOperator<Matrix> directSolve;

  /**
   * @param kTrainTrain K(X, X) as an operator, N × N
   * @param yTrain N × k targets
   */
  public IterativeGradientDescentMse(KernelOperator kTrainTrain, Matrix yTrain,
      DiagonalRegularizer regularizer, KrylovSolver solver) {
    if (!kTrainTrain.isSquare() || kTrainTrain.rows() != yTrain.rows()) {
      throw new InvalidInputException("the train-train kernel is " + kTrainTrain.rows() + "x"
          + kTrainTrain.cols() + " but y_train has shape " + yTrain.shape()
          + ": it must be square with one row per training example");
    }
    InputChecks.requireValid(yTrain, "y_train");
    PredictionChecks.requireKernelOperator(kTrainTrain, "the train-train kernel ("
        + kTrainTrain.description() + ")");
    this.kernel = kTrainTrain;
    this.y = yTrain;
    this.regularized = new RegularizedOperator(kTrainTrain,
        regularizer.shift(kTrainTrain.diagonal()));
    this.solver = solver;
  }

  /**
   * Solves t = ∞ with {@code solve} (R ↦ K_reg⁻¹·R, e.g. a Cholesky factorization of a copy of
   * K where that fits and is faster) instead of conjugate gradients; the finite times still
   * come from the Lanczos basis.
   */
  public IterativeGradientDescentMse withDirectSolve(UnaryOperator<Matrix> solve) {
    this.directSolve = solve;
    return this;
  }

  /** The diagonal shift σ applied to K. */
  public double shift() {
    return regularized.shift();
  }

  /**
   * The train and (with {@code kTestTrain}) test outputs at every point of the schedule, as
   * {@link GradientDescentMse#predict} gives them.
   *
   * @param fTrain0 f₀(X), N × k, or null for 0
   * @param kTestTrain K(x, X) as an operator, m × N, or null for train outputs only
   * @param fTest0 f₀(x), m × k, or null for 0
   */
  public Prediction predict(TrainingSchedule schedule, Matrix fTrain0, KernelOperator kTestTrain,
      Matrix fTest0) {
    int nTrain = y.rows();
    int k = y.cols();
    if (fTrain0 != null) {
      PredictionChecks.requireOutputs(fTrain0, "f0 on the training set", nTrain, k);
    }
    int nTest = kTestTrain == null ? 0 : kTestTrain.rows();
    if (kTestTrain != null && kTestTrain.cols() != nTrain) {
      throw new InvalidInputException("the test-train kernel is " + kTestTrain.rows() + "x"
          + kTestTrain.cols() + " but there are " + nTrain + " training examples: it must be"
          + " (n_test, " + nTrain + ")");
    }
    if (fTest0 != null && kTestTrain != null) {
      PredictionChecks.requireOutputs(fTest0, "f0 on the test set", nTest, k);
    }
    Matrix f0 = MatrixOps.orZeros(fTrain0, nTrain, k);
    Matrix residual = MatrixOps.addScaled(y, -1, f0);
    int n = nTrain * k;

    int[] finite = GradientDescentMse.pointsWhere(schedule, false);
    int[] infinite = GradientDescentMse.pointsWhere(schedule, true);
    Matrix[] train = new Matrix[schedule.size()];
    // Vectors K(x, X) multiplies: φ_t(K_reg)·r₀ per finite time, then K_reg⁻¹·r₀.
    List<Matrix> testVectors = new ArrayList<>();
    if (finite.length > 0) {
      List<DoubleUnaryOperator> functions = new ArrayList<>();
      for (int p : finite) {
        functions.add(l -> schedule.oneMinusResidualFactor(l, p, n, 1));
        if (kTestTrain != null) {
          functions.add(l -> schedule.growth(l, p, n, 1));
        }
      }
      KrylovMatrixFunctions.Result r = solver.functions(regularized, residual, functions);
      int per = kTestTrain != null ? 2 : 1;
      for (int j = 0; j < finite.length; j++) {
        train[finite[j]] = MatrixOps.addScaled(f0, 1, r.values().get(j * per));
        if (kTestTrain != null) {
          testVectors.add(r.values().get(j * per + 1));
        }
      }
    }
    if (infinite.length > 0) {
      for (int p : infinite) {
        train[p] = y.copy();
      }
      if (kTestTrain != null && directSolve != null) {
        long start = System.nanoTime();
        testVectors.add(directSolve.apply(residual));
        solver.note(String.format(Locale.ROOT, "t = inf by a Cholesky factorization, %.1f s",
            (System.nanoTime() - start) / 1e9));
      } else if (kTestTrain != null) {
        BlockConjugateGradient.Result r = solver.solve(regularized, residual);
        testVectors.add(r.solution());
      }
    }
    if (kTestTrain == null) {
      return new Prediction(List.of(train), null);
    }
    Matrix f0Test = MatrixOps.orZeros(fTest0, nTest, k);
    List<Matrix> products = ColumnBlocks.split(
        kTestTrain.multiply(ColumnBlocks.stack(testVectors)), k);
    Matrix[] test = new Matrix[schedule.size()];
    for (int j = 0; j < finite.length; j++) {
      test[finite[j]] = MatrixOps.addScaled(f0Test, 1, products.get(j));
    }
    for (int p : infinite) {
      test[p] = MatrixOps.addScaled(f0Test, 1, products.get(products.size() - 1));
    }
    return new Prediction(List.of(train), List.of(test));
  }
}
