package org.ntk4j.krylov;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.ntk4j.linalg.Matrix;

/**
 * Runs the iterative solves and matrix-function evaluations of a prediction with one set of
 * {@link KrylovSettings}, building the preconditioner once per operator, and keeps a line per
 * run saying what it did (for the CLI and reports).
 */
public final class KrylovSolver implements AutoCloseable {
  private final KrylovSettings settings;
  private final List<String> log = new ArrayList<>();
  private RegularizedOperator preconditioned;
  private Preconditioner preconditioner;

  public KrylovSolver(KrylovSettings settings) {
    this.settings = settings;
  }

  public KrylovSettings settings() {
    return settings;
  }

  /** What every run did, one line each. */
  public List<String> log() {
    return List.copyOf(log);
  }

  /** Adds a line to {@link #log()} for work done beside the solvers (e.g. a direct solve). */
  public void note(String line) {
    log.add(line);
  }

  /** A⁻¹·B by preconditioned conjugate gradients. */
  public BlockConjugateGradient.Result solve(RegularizedOperator a, Matrix b) {
    Preconditioner m = preconditioner(a);
    long start = System.nanoTime();
    BlockConjugateGradient.Result r = BlockConjugateGradient.solve(a, b, m,
        settings.tolerance(), settings.maxIterations(), settings.listener());
    log.add(String.format(Locale.ROOT, "%s: %d iterations, relative residual %.1e (%s"
        + " preconditioner), %.1f s", BlockConjugateGradient.METHOD, r.iterations(),
        r.maxRelativeResidual(), m.description(), seconds(start)));
    return r;
  }

  /** f(A)·R for every function, from one basis. */
  public KrylovMatrixFunctions.Result functions(RegularizedOperator a, Matrix r,
      List<DoubleUnaryOperator> functions) {
    long start = System.nanoTime();
    KrylovMatrixFunctions.Result result = KrylovMatrixFunctions.apply(a, r, functions,
        settings.tolerance(), settings.maxBasis(a.size(), r.cols()), settings.la(),
        settings.listener());
    log.add(String.format(Locale.ROOT, "%s: %d iterations, basis of %d vectors, estimated"
        + " relative error %.1e, %d functions, %.1f s", KrylovMatrixFunctions.METHOD,
        result.iterations(), result.basisSize(), result.estimatedError(), functions.size(),
        seconds(start)));
    return result;
  }

  /** A's largest eigenvalue by Lanczos. */
  public LanczosEigenvalue.Estimate largestEigenvalue(RegularizedOperator a) {
    long start = System.nanoTime();
    // One basis vector per iteration: as many as --max-iterations and half the memory allow.
    LanczosEigenvalue.Estimate e = LanczosEigenvalue.largest(a, settings.tolerance(),
        settings.maxBasis(a.size(), 1), 0, settings.la(), settings.listener());
    log.add(String.format(Locale.ROOT, "%s: %.6e (Ritz residual %.1e) after %d iterations, %.1f s",
        LanczosEigenvalue.METHOD, e.value(), e.bound(), e.iterations(), seconds(start)));
    return e;
  }

  /** The pivoted-Cholesky preconditioner of a's kernel, built on first use. */
  private Preconditioner preconditioner(RegularizedOperator a) {
    if (preconditioned != null && preconditioned.equals(a)) {
      return preconditioner;
    }
    close();
    int rank = settings.preconditionerRank(a.size());
    long start = System.nanoTime();
    Preconditioner m;
    if (rank == 0) {
      m = Preconditioner.NONE;
    } else {
      int block = Math.max(16, Math.min(256, rank / 8));
      PivotedCholesky.Factor f = PivotedCholesky.partial(a.kernel(), rank, 0.1 * a.shift(),
          block, settings.la());
      m = LowRankPreconditioner.of(settings.la(), f, a.shift(), settings.threads());
      log.add(String.format(Locale.ROOT, "preconditioner: %s, %.1f s", m.description(),
          seconds(start)));
    }
    preconditioned = a;
    preconditioner = m;
    return m;
  }

  /** Releases the preconditioner's threads. */
  @Override
  public void close() {
    if (preconditioner instanceof LowRankPreconditioner p) {
      p.close();
    }
    preconditioner = null;
    preconditioned = null;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
