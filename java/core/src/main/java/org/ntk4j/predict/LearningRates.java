package org.ntk4j.predict;

import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.krylov.RegularizedOperator;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.Shapes;

/**
 * The largest learning rate for which gradient descent on 1/(2n)·‖f − y‖² with a fixed tangent
 * kernel converges: I − (η/n)·Θ is a contraction iff η < 2n/λ_max (neural-tangents'
 * {@code max_learning_rate}); with heavy-ball momentum μ the bound is 2(1 + μ)·n/λ_max
 * (Goh 2017, "Why Momentum Really Works", section "The Dynamics of Momentum").
 */
public final class LearningRates {
  /** Keeps the bound finite for a zero kernel, as neural-tangents' eps. */
  private static final double EPS = 1e-12;

  private LearningRates() {}

  /**
   * @param ntkTrainTrain Θ(X, X), N × N
   * @param ySize n = y_train.size (examples × outputs)
   * @param momentum μ in [0, 1); 0 for plain gradient descent
   */
  public static double maxLearningRate(LinearAlgebra la, Matrix ntkTrainTrain, long ySize,
      double momentum) {
    Shapes.requireSquare(ntkTrainTrain, "the train-train NTK");
    requireArguments(ySize, momentum);
    return bound(la.eigh(ntkTrainTrain).max(), ySize, momentum);
  }

  /**
   * The same bound with λ_max from Lanczos on an operator (no eigendecomposition, any N): the
   * largest Ritz value, converged to the solver's tolerance.
   */
  public static double maxLearningRate(KernelOperator ntkTrainTrain, long ySize,
      double momentum, KrylovSolver solver) {
    requireArguments(ySize, momentum);
    double lambdaMax = solver.largestEigenvalue(new RegularizedOperator(ntkTrainTrain, 0))
        .value();
    return bound(lambdaMax, ySize, momentum);
  }

  private static double bound(double lambdaMax, long ySize, double momentum) {
    return 2 * (1 + momentum) * ySize / (lambdaMax + EPS);
  }

  private static void requireArguments(long ySize, double momentum) {
    if (ySize <= 0) {
      throw new InvalidInputException("y_train.size is " + ySize + ": it must be positive");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new InvalidInputException("momentum " + momentum + " must be in [0, 1)");
    }
  }
}
