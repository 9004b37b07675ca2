package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.HostLinearAlgebra;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.PredictionSpec;
import org.ntk4j.predict.TrainingSchedule;

/** Memory plans: what a prediction holds, and the refusal with numbers and fixes. */
class MemoryPlanTest {
  private static final long GIB = 1L << 30;
  private static final PredictionSpec INF = gd(TrainingSchedule.continuous(1,
      Double.POSITIVE_INFINITY));

  private static PredictionSpec gd(TrainingSchedule s) {
    return new PredictionSpec(PredictionSpec.Mode.GD, PredictionSpec.Kernel.NTK,
        PredictionSpec.Loss.MSE, s, DiagonalRegularizer.relative(1e-3), false);
  }

  /**
   * Native, in place: a float64 t = ∞ prediction holds its train-train kernel and one 1 GiB
   * block of test-train rows, nothing else big.
   */
  @Test
  void anInPlaceNativePredictionAtInfinityHoldsOnlyItsKernels() {
    LinearAlgebra la = HostLinearAlgebra.open(Precision.FLOAT64);
    MemoryPlan p = PredictMemory.plan(40_000, 10_000, 10, INF, la);
    long kernels = 8L * 40_000 * 40_000 + 8L * 3355 * 40_000;
    assertTrue(p.totalBytes() >= kernels && p.totalBytes() < kernels + GIB / 10,
        "" + p.totalBytes());
    assertTrue(p.heapBytes() < GIB / 10, "kernels are off the heap: " + p.heapBytes());
    assertTrue(p.fits(new MemoryPlan.Machine(GIB, GIB, 20 * GIB)));
    assertFalse(p.fits(new MemoryPlan.Machine(GIB, GIB, 12 * GIB)));
  }

  @Test
  void finiteTimesAddTheEigendecompositionAndTheOracleWorksOnTheHeap() {
    PredictionSpec five = gd(TrainingSchedule.continuous(1, 1, 10, 100, 1000,
        Double.POSITIVE_INFINITY));
    MemoryPlan nat = PredictMemory.plan(5_000, 10_000, 10, five,
        HostLinearAlgebra.open(Precision.FLOAT64));
    long nn = 8L * 5_000 * 5_000;
    // kernels (N² + mN) + eigh (copy + 2N² workspace) + K·V (mN)
    assertTrue(nat.totalBytes() >= 4 * nn + 2 * 8L * 10_000 * 5_000, "" + nat.totalBytes());
    MemoryPlan java = PredictMemory.plan(5_000, 10_000, 10, five, new JavaLinearAlgebra());
    assertTrue(java.heapBytes() > 5 * nn, "" + java.heapBytes());
  }

  @Test
  void aPlanThatDoesNotFitIsRefusedWithTheNumbersAndTheFixes() {
    MemoryPlan p = new MemoryPlan().add("train-train kernel", 13 * GIB, false)
        .add("outputs", GIB / 2, true);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> p.require(new MemoryPlan.Machine(4 * GIB, 6 * GIB, 10 * GIB),
            List.of("use at most 28000 training examples", "--precision float32")));
    assertEquals("this job needs 13.5 GiB (train-train kernel 13.00 GiB, outputs 0.50 GiB on"
        + " the heap) but this machine has 10.0 GiB of memory available: use at most 28000"
        + " training examples; or --precision float32", e.getMessage());
    InvalidInputException heap = assertThrows(InvalidInputException.class,
        () -> new MemoryPlan().add("kernel", 5 * GIB, true)
            .require(new MemoryPlan.Machine(4 * GIB, 6 * GIB, 20 * GIB), List.of("x")));
    assertTrue(heap.getMessage().contains("only 4.0 GiB of the Java heap (-Xmx 6.0 GiB) is free"),
        heap.getMessage());
  }
}
