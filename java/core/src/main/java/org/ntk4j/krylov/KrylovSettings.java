package org.ntk4j.krylov;

import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;

/**
 * How the iterative solvers run.
 *
 * @param tolerance relative residual ‖b − A·x‖/‖b‖ at which conjugate gradients stop, and the
 *     estimated relative error at which Lanczos evaluations of matrix functions stop
 * @param maxIterations the most block products per solve or evaluation
 * @param memoryBytes what the preconditioner and the Lanczos basis may hold together
 * @param maxPreconditionerRank the largest rank of the pivoted-Cholesky preconditioner (0: none);
 *     the rank used is also bounded by the memory
 * @param la linear algebra for the small dense parts (r × r and m × m)
 * @param threads threads for the solvers' own N × r products
 * @param listener told after every iteration
 */
public record KrylovSettings(double tolerance, int maxIterations, long memoryBytes,
    int maxPreconditionerRank, LinearAlgebra la, int threads, SolverListener listener) {
  /** The default tolerance: well below what any prediction's accuracy can tell apart. */
  public static final double DEFAULT_TOLERANCE = 1e-8;
  public static final int DEFAULT_MAX_ITERATIONS = 1000;
  public static final int DEFAULT_PRECONDITIONER_RANK = 2000;

  public KrylovSettings {
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new InvalidInputException("the tolerance is " + tolerance
          + ": it must be between 0 and 1 (e.g. 1e-8)");
    }
    if (maxIterations < 1) {
      throw new InvalidInputException("the iteration limit is " + maxIterations
          + ": it must be at least 1");
    }
    if (threads < 1) {
      throw new InvalidInputException("threads is " + threads + ": it must be at least 1");
    }
    if (maxPreconditionerRank < 0) {
      throw new InvalidInputException("the preconditioner rank is " + maxPreconditionerRank
          + ": it must be 0 (none) or more");
    }
  }

  /**
   * The defaults with three quarters of what the JVM may still allocate for the solvers'
   * memory (operators over files or recomputed tiles hold almost none of the heap), the
   * pure-Java linear algebra, every core and no listener.
   */
  public static KrylovSettings defaults() {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    return new KrylovSettings(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, free / 4 * 3,
        DEFAULT_PRECONDITIONER_RANK, new JavaLinearAlgebra(), rt.availableProcessors(),
        SolverListener.NONE);
  }

  public KrylovSettings withTolerance(double t) {
    return new KrylovSettings(t, maxIterations, memoryBytes, maxPreconditionerRank, la, threads,
        listener);
  }

  public KrylovSettings withMaxIterations(int m) {
    return new KrylovSettings(tolerance, m, memoryBytes, maxPreconditionerRank, la, threads,
        listener);
  }

  public KrylovSettings withMemoryBytes(long bytes) {
    return new KrylovSettings(tolerance, maxIterations, bytes, maxPreconditionerRank, la,
        threads, listener);
  }

  public KrylovSettings withMaxPreconditionerRank(int r) {
    return new KrylovSettings(tolerance, maxIterations, memoryBytes, r, la, threads, listener);
  }

  public KrylovSettings withThreads(int t) {
    return new KrylovSettings(tolerance, maxIterations, memoryBytes, maxPreconditionerRank, la,
        t, listener);
  }

  public KrylovSettings withListener(SolverListener l) {
    return new KrylovSettings(tolerance, maxIterations, memoryBytes, maxPreconditionerRank, la,
        threads, l);
  }

  /**
   * The preconditioner rank for an N × N kernel: the asked maximum, at most min(N/4, 12·√N),
   * and at most what half the memory holds while L is assembled (two N × r float64 copies).
   * A rank growing like √N keeps the factor's cost (~1.5·N·r² flops) below a dense
   * factorization's; 12·√N balances it against the iterations it saves, as measured on
   * Fashion-MNIST with diag_reg 1e-3 on the loaded 2-core machine (N = 5000: rank 300 / 600 /
   * 1250 took 203 / 132 / 81 iterations, 25 / 17 / 28 s; N = 10000: rank 800 / 1200 / 2000
   * took 177 / 129 / 93 iterations, about 74 / 64 / 59 s).
   */
  public int preconditionerRank(int n) {
    long byMemory = memoryBytes / 2 / (2L * Double.BYTES * n);
    long bySize = Math.min(n / 4, Math.round(12 * Math.sqrt(n)));
    return (int) Math.max(0, Math.min(Math.min(maxPreconditionerRank, bySize), byMemory));
  }

  /** The most Lanczos basis columns for N: what half the memory holds, at least one block. */
  public int maxBasis(int n, int block) {
    long byMemory = memoryBytes / 2 / ((long) Double.BYTES * n);
    return (int) Math.max(2L * block, Math.min(byMemory, (long) maxIterations * block));
  }
}
