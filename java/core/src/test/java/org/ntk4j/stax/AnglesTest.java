package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnglesTest {

  /** Error in units of the last place of the exact value (Math.atan2 is within 2 ulp). */
  private static double ulpError(double y, double x) {
    double exact = Math.atan2(y, x);
    return Math.abs(Angles.atan2(y, x) - exact) / Math.ulp(exact == 0 ? Double.MIN_NORMAL : exact);
  }

  @Test
  void agreesWithMathAtan2WithinFourUlpOnRandomPoints() {
    SplittableRandom r = new SplittableRandom(7);
    double worst = 0;
    for (int n = 0; n < 2_000_000; n++) {
      double y = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-8, 9));
      double x = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-8, 9));
      worst = Math.max(worst, ulpError(y, x));
    }
    assertTrue(worst <= 4, "worst error " + worst + " ulp");
  }

  @Test
  void isAccurateAtTheNodesAndSplitsOfItsTable() {
    for (int i = 0; i <= 32; i++) {
      double t = Math.tan(i * Math.PI / 128);
      for (double eps : new double[] {-1e-12, 0, 1e-12}) {
        assertTrue(ulpError(t + eps, 1) <= 4, "t = " + (t + eps));
        assertTrue(ulpError(1, t + eps) <= 4, "1/t = " + (t + eps));
      }
    }
  }

  @Test
  void keepsMathAtan2sQuadrantsSignedZerosAndSpecialValues() {
    double[] values = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 3e300, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
    for (double y : values) {
      for (double x : values) {
        double exact = Math.atan2(y, x);
        double fast = Angles.atan2(y, x);
        if (Double.isNaN(exact)) {
          assertTrue(Double.isNaN(fast), "atan2(" + y + ", " + x + ")");
        } else {
          assertEquals(exact, fast, 4 * Math.ulp(exact), "atan2(" + y + ", " + x + ")");
          assertEquals(Math.copySign(1, exact), Math.copySign(1, fast),
              "sign of atan2(" + y + ", " + x + ")");
        }
      }
    }
  }
}
