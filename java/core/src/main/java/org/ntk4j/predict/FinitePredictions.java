package org.ntk4j.predict;

import java.util.List;
import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;

/**
 * The finite-or-refused rule for predictions: outputs with a NaN or an infinity are refused,
 * never returned, with the reason. Discrete gradient descent above the largest stable rate
 * 2n/λ_max (Lee et al. 2019; I − (η/n)·K expands along the top eigenvector) is named as such.
 */
final class FinitePredictions {
  private FinitePredictions() {}

  /**
   * Refuses {@code outputs} (one matrix per point of the schedule; null entries skipped) if any
   * value is not finite.
   *
   * @param what e.g. "test outputs", for the message
   * @param schedule the times or steps the outputs belong to, or null for t = ∞ only
   * @param eigen the regularized train-train kernel's eigendecomposition, or null if not formed
   * @param n y_train.size
   */
  static void require(String what, List<Matrix> outputs, TrainingSchedule schedule,
      SymmetricEigen eigen, int n) {
    for (int t = 0; t < outputs.size(); t++) {
      Matrix m = outputs.get(t);
      if (m == null) {
        continue;
      }
      for (int i = 0; i < m.rows(); i++) {
        for (int j = 0; j < m.cols(); j++) {
          double v = m.get(i, j);
          if (!Double.isFinite(v)) {
            String when = schedule == null ? "t=inf" : schedule.label(t);
            throw new InvalidInputException(String.format(Locale.ROOT, "the %s are %s at %s:"
                + " %s", what, v, when, reason(schedule, eigen, n)));
          }
        }
      }
    }
  }

  private static String reason(TrainingSchedule schedule, SymmetricEigen eigen, int n) {
    if (schedule != null && schedule.isDiscrete() && eigen != null) {
      double stable = 2.0 * n / eigen.max();
      if (schedule.learningRate() >= stable) {
        return String.format(Locale.ROOT, "gradient descent diverges, the learning rate %s is"
            + " above the largest stable rate 2n/λ_max = %s (n = %d targets, λ_max = %s of"
            + " the regularized train-train kernel); use a rate below %s or fewer steps",
            num(schedule.learningRate()), num(stable), n, num(eigen.max()), num(stable));
      }
    }
    return "float64 overflows; scale the kernels (inputs, w_std) or the targets down";
  }

  /** Six significant digits without trailing zeros: 1000, 1.536, 2.5e-07. */
  private static String num(double v) {
    String s = String.format(Locale.ROOT, "%.6g", v);
    return s.contains(".") ? s.replaceAll("0+(?=$|e)", "").replaceAll("\\.(?=$|e)", "") : s;
  }
}
