package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.predict.SolverChoice.Decision;
import org.ntk4j.predict.SolverChoice.DirectPath;
import org.ntk4j.predict.SolverChoice.Job;
import org.ntk4j.predict.SolverChoice.Solver;

class SolverChoiceTest {
  private static final DirectPath FITS = new DirectPath(true, "fits", false, true);

  private static PredictionSpec gd(boolean covariance, double... times) {
    return new PredictionSpec(covariance ? PredictionSpec.Mode.ENSEMBLE : PredictionSpec.Mode.GD,
        PredictionSpec.Kernel.NTK, PredictionSpec.Loss.MSE,
        TrainingSchedule.continuous(1, times), DiagonalRegularizer.relative(1e-3), covariance);
  }

  @Test
  void autoFactorsSmallJobsAndIteratesWhenTheDenseFormsDoNotFitOrAreSlower() {
    PredictionSpec inf = gd(false, Double.POSITIVE_INFINITY);
    Decision small = SolverChoice.choose(Solver.AUTO, inf, new Job(1000, 500, 10, 250), FITS);
    assertEquals(Solver.DIRECT, small.solver());
    assertTrue(small.reason().startsWith("estimated"), small.reason());
    Decision large = SolverChoice.choose(Solver.AUTO, inf, new Job(60_000, 10_000, 10, 2000),
        new DirectPath(false, "the direct path needs 165 GiB", true, false));
    assertEquals(Solver.ITERATIVE, large.solver());
    assertEquals("the direct path needs 165 GiB", large.reason());
    // Finite times need an eigendecomposition: N = 5000 takes ~150 s in pure Java.
    Decision finite = SolverChoice.choose(Solver.AUTO, gd(false, 1, 10, Double.POSITIVE_INFINITY),
        new Job(5000, 2000, 10, 849), FITS);
    assertEquals(Solver.ITERATIVE, finite.solver(), finite.reason());
    // With native LAPACK: the eigendecomposition still loses to Lanczos, Cholesky still wins.
    Decision hybrid = SolverChoice.choose(Solver.AUTO, gd(false, 1, 10, Double.POSITIVE_INFINITY),
        new Job(20_000, 2000, 10, 1697), new DirectPath(false, "eigh too big", true, true));
    assertEquals(Solver.ITERATIVE, hybrid.solver());
    assertTrue(hybrid.choleskyAtInfinity() && hybrid.reason().contains("t = inf by Cholesky"),
        hybrid.reason());
    assertFalse(SolverChoice.choose(Solver.AUTO, gd(false, 1, 10, Double.POSITIVE_INFINITY),
        new Job(20_000, 2000, 10, 1697), new DirectPath(false, "big", true, false))
        .choleskyAtInfinity(), "no room for the copy");
    assertFalse(SolverChoice.choose(Solver.ITERATIVE, gd(false, 1, Double.POSITIVE_INFINITY),
        new Job(5000, 100, 10, 849), FITS).choleskyAtInfinity(), "asked: never factor");
    // Native LAPACK factors t = inf at N = 10000 in ~10 s: direct.
    assertEquals(Solver.DIRECT, SolverChoice.choose(Solver.AUTO, inf,
        new Job(10_000, 2000, 10, 1200), new DirectPath(true, "fits", true, true)).solver());
  }

  @Test
  void predictionsOnlyTheDensePathGivesStayDirectAndIterativeRefusesThem() {
    PredictionSpec cov = gd(true, 1);
    assertEquals(Solver.DIRECT, SolverChoice.choose(Solver.AUTO, cov,
        new Job(60_000, 100, 10, 1000), new DirectPath(false, "too big", true, false)).solver());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SolverChoice.choose(Solver.ITERATIVE, cov, new Job(100, 10, 1, 25), FITS));
    assertTrue(e.getMessage().contains("covariances") && e.getMessage().contains("--solver"
        + " direct"), e.getMessage());
    assertEquals(Solver.DIRECT, SolverChoice.choose(Solver.DIRECT, gd(false, 1),
        new Job(60_000, 100, 10, 1000), new DirectPath(false, "too big", true, false)).solver());
  }
}
