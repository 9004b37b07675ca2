package org.ntk4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

class StepSizeTest {

  private static final Matrix NTK = Matrix.of(new double[][] {{4, 0}, {0, 1}});

  @Test
  void aFractionOfTheCriticalRateIsScaledBy2NOverLambdaMax() {
    // N = 6 targets, λ_max = 4: η_crit = 2·6/4 = 3.
    assertEquals(0.75, StepSize.ofCritical(0.25).resolve(() -> NTK, 6), 1e-9);
  }

  @Test
  void anAbsoluteRateIgnoresTheKernel() {
    assertEquals(10.0, StepSize.absolute(10).resolve(() -> {
      throw new AssertionError("the kernel is not needed");
    }, 6));
  }

  @Test
  void rejectsNonPositiveRates() {
    assertThrows(InvalidInputException.class, () -> StepSize.absolute(0));
    assertThrows(InvalidInputException.class, () -> StepSize.ofCritical(Double.NaN));
  }
}
