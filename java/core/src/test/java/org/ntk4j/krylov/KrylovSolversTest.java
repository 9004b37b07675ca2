package org.ntk4j.krylov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NotPositiveDefiniteException;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/** The solvers against dense factorizations of the same matrix. */
class KrylovSolversTest {
  private static final Architecture NET = Architecture.parse(
      "dense(16, w_std=1.5, b_std=0.1), relu(), dense(16, w_std=1.5, b_std=0.1), relu(),"
          + " dense(1, w_std=1.5, b_std=0.1)");
  private static final int N = 300;

  private final JavaLinearAlgebra la = new JavaLinearAlgebra();
  private final Matrix k = ntk(N, 1);
  private final double shift = 1e-3 * trace(k) / N;
  private final Matrix b = TestMatrices.gaussian(N, 3, 2);

  private static Matrix ntk(int n, long seed) {
    try (JavaBackend backend = new JavaBackend(2)) {
      return backend.compute(new KernelRequest(NET, TestMatrices.gaussian(n, 6, seed), null,
          false, true)).ntk();
    }
  }

  private static double trace(Matrix m) {
    double t = 0;
    for (int i = 0; i < m.rows(); i++) {
      t += m.get(i, i);
    }
    return t;
  }

  private static Matrix shifted(Matrix m, double s) {
    Matrix out = m.copy();
    for (int i = 0; i < m.rows(); i++) {
      out.set(i, i, out.get(i, i) + s);
    }
    return out;
  }

  private static KrylovSettings settings(double tolerance, int rank) {
    return KrylovSettings.defaults().withTolerance(tolerance).withMaxPreconditionerRank(rank);
  }

  @Test
  void conjugateGradientsEqualTheCholeskySolveWithAndWithoutPreconditioner() {
    Matrix direct = la.solveSpd(shifted(k, shift), b);
    int[] iterations = new int[2];
    int[] ranks = {0, 100};
    for (int i = 0; i < 2; i++) {
      try (KernelOperator op = DenseKernelOperator.of(k, 2)) {
        KrylovSolver solver = new KrylovSolver(settings(1e-12, ranks[i]));
        BlockConjugateGradient.Result r = solver.solve(new RegularizedOperator(op, shift), b);
        double err = r.solution().relativeError(direct);
        assertTrue(err < 1e-6, "rank " + ranks[i] + ": relative error " + err);
        assertTrue(r.maxRelativeResidual() < 1e-11, "true residual " + r.maxRelativeResidual());
        assertEquals(r.iterations(), r.history().length);
        iterations[i] = r.iterations();
      }
    }
    assertTrue(iterations[1] * 2 < iterations[0],
        "the preconditioner should cut the iterations: " + iterations[0] + " vs " + iterations[1]);
  }

  @Test
  void pivotedCholeskyOfFullRankIsExactAndItsErrorFalls() {
    try (KernelOperator op = DenseKernelOperator.of(k, 1)) {
      PivotedCholesky.Factor full = PivotedCholesky.partial(op, N, 0, 32, la);
      Matrix lt = full.lowerTransposed();
      assertTrue(la.multiplyTransposeA(lt, lt).relativeError(k) < 1e-10);
      double previous = Double.POSITIVE_INFINITY;
      for (int rank : new int[] {5, 20, 80}) {
        PivotedCholesky.Factor f = PivotedCholesky.partial(op, rank, 0, 7, la);
        assertEquals(rank, f.rank());
        assertTrue(f.residualTrace() < previous, "rank " + rank);
        Matrix approx = la.multiplyTransposeA(f.lowerTransposed(), f.lowerTransposed());
        assertEquals(trace(k) - trace(approx), f.residualTrace(), 1e-9 * trace(k));
        previous = f.residualTrace();
      }
      double floor = 0.3 * trace(k) / N;
      PivotedCholesky.Factor stopped = PivotedCholesky.partial(op, N, floor, 32, la);
      assertTrue(stopped.rank() < N && stopped.residualTrace() <= N * floor,
          "stops once every residual diagonal is small: rank " + stopped.rank());
    }
  }

  @Test
  void theLowRankPreconditionerInvertsLowRankPlusShift() {
    try (KernelOperator op = DenseKernelOperator.of(k, 1)) {
      PivotedCholesky.Factor f = PivotedCholesky.partial(op, 40, 0, 16, la);
      try (LowRankPreconditioner m = LowRankPreconditioner.of(la, f, shift, 2)) {
        Matrix lt = f.lowerTransposed();
        Matrix mb = shifted(la.multiplyTransposeA(lt, lt), shift);
        assertTrue(m.apply(la.multiply(mb, b)).relativeError(b) < 1e-8);
        assertEquals(40, m.rank());
      }
    }
  }

  /** exp(−τ·A)·B and (1 − e^{−τλ})/λ for several τ, against the eigendecomposition. */
  @Test
  void matrixFunctionsFromOneBasisEqualTheEigendecomposition() {
    Matrix a = shifted(k, shift);
    SymmetricEigen e = la.eigh(a);
    List<DoubleUnaryOperator> functions = new ArrayList<>();
    for (double tau : new double[] {0.01, 1, 30}) {
      double t = tau / e.max();
      functions.add(l -> Math.exp(-t * l));
      functions.add(l -> -Math.expm1(-t * l) / l);
    }
    try (KernelOperator op = DenseKernelOperator.of(k, 2)) {
      KrylovMatrixFunctions.Result r = new KrylovSolver(settings(1e-10, 0))
          .functions(new RegularizedOperator(op, shift), b, functions);
      for (int f = 0; f < functions.size(); f++) {
        Matrix reference = dense(e, functions.get(f), b);
        double err = r.values().get(f).relativeError(reference);
        assertTrue(err < 1e-8, "function " + f + ": relative error " + err);
      }
      assertTrue(r.basisSize() < N, "converged before the space filled: " + r.basisSize());
      assertTrue(r.estimatedError() <= 1e-10);
    }
  }

  private Matrix dense(SymmetricEigen e, DoubleUnaryOperator f, Matrix rhs) {
    double[] l = e.values();
    Matrix factors = Matrix.zeros(1, l.length);
    for (int i = 0; i < l.length; i++) {
      factors.set(0, i, f.applyAsDouble(l[i]));
    }
    return la.spectralFunction(e, factors, rhs).get(0);
  }

  @Test
  void aSpaceThatFillsUpGivesTheExactFunction() {
    Matrix small = ntk(12, 3);
    Matrix rhs = TestMatrices.gaussian(12, 5, 4);
    SymmetricEigen e = la.eigh(small);
    DoubleUnaryOperator f = l -> Math.exp(-3 * l / e.max());
    try (KernelOperator op = DenseKernelOperator.of(small, 1)) {
      KrylovMatrixFunctions.Result r = new KrylovSolver(settings(1e-14, 0))
          .functions(new RegularizedOperator(op, 0), rhs, List.of(f));
      assertTrue(r.values().get(0).relativeError(dense(e, f, rhs)) < 1e-12);
      assertEquals(12, r.basisSize());
    }
  }

  @Test
  void largestEigenvalueByLanczosEqualsTheEigendecomposition() {
    try (KernelOperator op = DenseKernelOperator.of(k, 2)) {
      LanczosEigenvalue.Estimate est = new KrylovSolver(settings(1e-10, 0))
          .largestEigenvalue(new RegularizedOperator(op, shift));
      double exact = la.eigh(shifted(k, shift)).max();
      assertEquals(exact, est.value(), 1e-9 * exact);
      assertTrue(est.value() <= exact * (1 + 1e-14) && exact <= est.value() + est.bound()
          + 1e-12 * exact, "λ_max within [θ, θ + ρ]");
      assertTrue(est.iterations() < 60, "converges fast: " + est.iterations());
    }
  }

  @Test
  void indefiniteMatricesAndIterationLimitsAreRefused() {
    Matrix indefinite = shifted(k, -2 * la.eigh(k).values()[N / 2]);
    try (KernelOperator op = DenseKernelOperator.of(indefinite, 1)) {
      assertThrows(NotPositiveDefiniteException.class, () -> new KrylovSolver(settings(1e-10, 0))
          .solve(new RegularizedOperator(op, 0), b));
    }
    try (KernelOperator op = DenseKernelOperator.of(k, 1)) {
      NotConvergedException e = assertThrows(NotConvergedException.class,
          () -> new KrylovSolver(settings(1e-12, 0).withMaxIterations(3))
              .solve(new RegularizedOperator(op, shift), b));
      assertTrue(e.getMessage().contains("after 3 iterations"), e.getMessage());
    }
  }
}
