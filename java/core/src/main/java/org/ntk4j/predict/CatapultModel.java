package org.ntk4j.predict;

import java.util.Arrays;
import org.ntk4j.InvalidInputException;

/**
 * The two-scalar model of large-learning-rate training (Lewkowycz et al. 2020, "The large
 * learning rate phase of deep learning: the catapult mechanism", eq. 3): a width-w two-layer
 * linear network on one example with loss f²/2, whose output f and tangent kernel λ evolve under
 * gradient descent with rate η as
 * <pre>
 *   f_{t+1} = (1 − ηλ_t + η²f_t²/w)·f_t
 *   λ_{t+1} = λ_t + η·f_t²·(ηλ_t − 4)/w
 * </pre>
 * Three phases follow from λ₀ (for w large): η &lt; 2/λ₀ lazy (λ stays put, the loss falls);
 * 2/λ₀ &lt; η &lt; 4/λ₀ catapult (the loss first grows, λ falls below 2/η, then the loss falls);
 * η &gt; 4/λ₀ divergent.
 */
public final class CatapultModel {
  /** The outcome of training in this model. */
  public enum Phase {
    LAZY, CATAPULT, DIVERGENT
  }

  /**
   * A simulated run.
   *
   * @param f outputs f_0 … f_T
   * @param lambda kernels λ_0 … λ_T
   * @param phase what the trajectory did
   */
  public record Run(double[] f, double[] lambda, Phase phase) {}

  private final double lambda0;
  private final double f0;
  private final double width;

  /**
   * @param lambda0 the initial tangent kernel λ₀ &gt; 0
   * @param f0 the initial output f₀ ≠ 0
   * @param width the hidden width w &gt; 0
   */
  public CatapultModel(double lambda0, double f0, double width) {
    if (!(lambda0 > 0) || !(width > 0) || f0 == 0 || !Double.isFinite(f0)
        || Double.isInfinite(lambda0) || Double.isInfinite(width)) {
      throw new InvalidInputException("the catapult model needs λ₀ > 0, f₀ ≠ 0 and width > 0,"
          + " all finite; got λ₀ = " + lambda0 + ", f₀ = " + f0 + ", width = " + width);
    }
    this.lambda0 = lambda0;
    this.f0 = f0;
    this.width = width;
  }

  /** The phase the thresholds 2/λ₀ and 4/λ₀ predict for rate η. */
  public Phase predictedPhase(double eta) {
    if (eta < 2 / lambda0) {
      return Phase.LAZY;
    }
    return eta < 4 / lambda0 ? Phase.CATAPULT : Phase.DIVERGENT;
  }

  /**
   * Iterates the model for at most {@code maxSteps} steps and classifies the trajectory:
   * divergent if |f| leaves every bound (or does not fall below 1e-8·|f₀| in time), catapult if
   * it converged after |f| first rose above |f₀|, lazy if it converged without rising.
   */
  public Run simulate(double eta, int maxSteps) {
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new InvalidInputException("the learning rate " + eta + " must be finite and > 0");
    }
    double[] f = new double[maxSteps + 1];
    double[] lambda = new double[maxSteps + 1];
    f[0] = f0;
    lambda[0] = lambda0;
    double bound = 1e6 * Math.max(Math.abs(f0), Math.sqrt(width));
    double peak = Math.abs(f0);
    int t = 0;
    while (t < maxSteps && Math.abs(f[t]) > 1e-8 * Math.abs(f0)) {
      double ft = f[t];
      double lt = lambda[t];
      f[t + 1] = (1 - eta * lt + eta * eta * ft * ft / width) * ft;
      lambda[t + 1] = lt + eta * ft * ft * (eta * lt - 4) / width;
      t++;
      peak = Math.max(peak, Math.abs(f[t]));
      if (!(Math.abs(f[t]) < bound)) {
        return new Run(Arrays.copyOf(f, t + 1), Arrays.copyOf(lambda, t + 1),
            Phase.DIVERGENT);
      }
    }
    boolean converged = Math.abs(f[t]) <= 1e-8 * Math.abs(f0);
    Phase phase = !converged ? Phase.DIVERGENT
        : peak > Math.abs(f0) ? Phase.CATAPULT : Phase.LAZY;
    return new Run(Arrays.copyOf(f, t + 1), Arrays.copyOf(lambda, t + 1),
        phase);
  }
}
