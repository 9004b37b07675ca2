package org.ntk4j.predict;

import java.util.Arrays;
import org.ntk4j.InvalidInputException;

/**
 * When to read the outputs of gradient descent on the loss 1/(2n)·‖f − y‖² (n = y.size):
 * continuous times t of gradient flow (τ = η·t, t = ∞ allowed), or step counts k of discrete
 * gradient descent with rate η. Either way, training shrinks the train residual along an
 * eigenvector of the kernel with eigenvalue λ (clipped at 0) by the <em>residual factor</em>
 * e^{−λτ/n} (continuous) or (1 − ηλ/n)^k (discrete) (Lee et al. 2019, eqs. 9–11).
 */
public final class TrainingSchedule {
  private final double[] points;
  private final boolean discrete;
  private final double learningRate;

  private TrainingSchedule(double[] points, boolean discrete, double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidInputException("the learning rate is " + learningRate
          + ": it must be a finite number > 0");
    }
    if (points.length == 0) {
      throw new InvalidInputException("no times given: ask for at least one (e.g. 0,10,inf)");
    }
    for (double p : points) {
      if (Double.isNaN(p) || p < 0) {
        throw new InvalidInputException((discrete ? "step count " : "time ") + p
            + " is refused: " + (discrete ? "steps" : "times") + " must be ≥ 0"
            + (discrete ? "" : " (inf for convergence)"));
      }
      if (discrete && (Double.isInfinite(p) || p != Math.rint(p))) {
        throw new InvalidInputException("step count " + p + " is refused: steps are whole"
            + " numbers ≥ 0");
      }
    }
    this.points = points.clone();
    this.discrete = discrete;
    this.learningRate = learningRate;
  }

  /** Gradient flow read at times t (τ = η·t); {@code Double.POSITIVE_INFINITY} is convergence. */
  public static TrainingSchedule continuous(double learningRate, double... times) {
    return new TrainingSchedule(times, false, learningRate);
  }

  /** Discrete gradient descent with rate η read after the given numbers of steps. */
  public static TrainingSchedule steps(double learningRate, long... steps) {
    return new TrainingSchedule(Arrays.stream(steps).asDoubleStream().toArray(), true,
        learningRate);
  }

  public int size() {
    return points.length;
  }

  /** Time t or step count k of point i. */
  public double point(int i) {
    return points[i];
  }

  public double[] points() {
    return points.clone();
  }

  public boolean isDiscrete() {
    return discrete;
  }

  public double learningRate() {
    return learningRate;
  }

  /** Whether every point is t = ∞ (continuous time). */
  public boolean isInfinityOnly() {
    if (discrete) {
      return false;
    }
    for (double p : points) {
      if (!Double.isInfinite(p)) {
        return false;
      }
    }
    return true;
  }

  public boolean isInfinite(int i) {
    return Double.isInfinite(points[i]);
  }

  /** "t=10", "t=inf" or "step=100", for tables. */
  public String label(int i) {
    double p = points[i];
    String v = Double.isInfinite(p) ? "inf" : p == Math.rint(p) && Math.abs(p) < 1e15
        ? Long.toString((long) p) : Double.toString(p);
    return (discrete ? "step=" : "t=") + v;
  }

  /** The residual factor raised to {@code power}: e^{−p·λ⁺τ/n} or (1 − ηλ⁺/n)^{p·k}. */
  public double residualFactor(double lambda, int i, int n, int power) {
    return 1 - oneMinusResidualFactor(lambda, i, n, power);
  }

  /**
   * 1 − residualFactor^power, computed without cancellation for small arguments (expm1/log1p).
   */
  public double oneMinusResidualFactor(double lambda, int i, int n, int power) {
    double l = Math.max(lambda, 0);
    if (!discrete) {
      double tau = learningRate * points[i];
      if (Double.isInfinite(tau)) {
        return l > 0 ? 1 : 0;
      }
      return -Math.expm1(-power * l * tau / n);
    }
    double x = learningRate * l / n;
    double k = power * points[i];
    if (x < 1) {
      return -Math.expm1(k * Math.log1p(-x));
    }
    return 1 - Math.pow(1 - x, k);
  }

  /**
   * (1 − residualFactor^power)/|λ|: the factor that maps the residual to the change of test
   * outputs through K(x, X) (Lee et al. 2019, eq. 10). Its limit at λ = 0 is p·τ/n (continuous)
   * or p·η·k/n (discrete); a negative (clipped) λ gives 0, as neural-tangents' expm1(0)/|λ|.
   */
  public double growth(double lambda, int i, int n, int power) {
    if (lambda != 0) {
      return oneMinusResidualFactor(lambda, i, n, power) / Math.abs(lambda);
    }
    return power * learningRate * points[i] / n;
  }
}
