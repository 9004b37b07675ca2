package org.ntk4j.experiments;

import java.util.function.Supplier;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * A gradient descent learning rate for the loss ‖f − y‖²/(2N), N = y.size: either absolute, or
 * a fraction of η_crit = 2N/λ_max of the infinite-width NTK on the training inputs (the largest
 * rate at which the kernel dynamics converge).
 */
public record StepSize(double value, boolean fractionOfCritical) {
  public StepSize {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidInputException("learning rate " + value + " must be positive and finite");
    }
  }

  /** The rate η itself. */
  public static StepSize absolute(double eta) {
    return new StepSize(eta, false);
  }

  /** {@code fraction}·2N/λ_max. */
  public static StepSize ofCritical(double fraction) {
    return new StepSize(fraction, true);
  }

  /**
   * The rate η; {@code infiniteNtk} (the train × train NTK of the infinite network) is only asked
   * for when the rate is a fraction of η_crit.
   */
  public double resolve(Supplier<Matrix> infiniteNtk, long ySize) {
    return fractionOfCritical ? Networks.rate(infiniteNtk.get(), ySize, value) : value;
  }
}
