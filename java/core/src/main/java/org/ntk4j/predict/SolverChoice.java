package org.ntk4j.predict;

import java.util.Locale;
import org.ntk4j.InvalidInputException;

/**
 * Which solver runs a prediction ({@code predict --solver auto|direct|iterative}) and why, from
 * whether the direct path's memory plan fits and a cost model of this project's 2-core build
 * machine.
 *
 * <p>Direct: a Cholesky factorization costs about c_chol·N³ and an eigendecomposition
 * c_eigh·N³ seconds: with native LAPACK (OpenBLAS dpotrf / dsyevd, measured at N = 5000–10000)
 * {@value #NATIVE_CHOLESKY_SECONDS_PER_N3} and {@value #NATIVE_EIGH_SECONDS_PER_N3}, with the
 * pure-Java linear algebra (EJML, ojAlgo) {@value #JAVA_CHOLESKY_SECONDS_PER_N3} and
 * {@value #JAVA_EIGH_SECONDS_PER_N3}. Iterative: about {@value #CG_ITERATIONS} block products
 * for conjugate gradients and {@value #LANCZOS_ITERATIONS} for the Lanczos basis of all finite
 * times, each N²·k multiply-adds at {@value #PRODUCT_FMA_PER_SECOND} per second, plus the
 * preconditioner (≈ 2·N·r² at {@value #SMALL_FLOPS_PER_SECOND} flop/s). The counts are typical
 * of kernels regularized with diag_reg ≈ 1e-3 (measured on Fashion-MNIST); they are estimates,
 * and the choice says both figures so a user can overrule it.
 *
 * <p>{@code auto} takes the direct path when its plan fits and it is estimated to finish within
 * 2 s or before the iterative one, and the iterative path otherwise, unless the prediction needs
 * what only the direct path gives ({@link PredictionSpec#iterativeLimitation()}): then the direct
 * path runs, and is refused by its memory plan if it does not fit. On the iterative path with
 * finite times and t = ∞, {@code auto} solves t = ∞ by a Cholesky factorization of a copy of
 * the stored kernel when that copy fits and the factorization is estimated faster than
 * conjugate gradients (with native LAPACK, up to N of some 30,000): Lanczos stays for the
 * finite times, which spare the eigendecomposition.
 */
public final class SolverChoice {
  static final double NATIVE_CHOLESKY_SECONDS_PER_N3 = 1e-11;
  static final double NATIVE_EIGH_SECONDS_PER_N3 = 1.6e-10;
  static final double JAVA_CHOLESKY_SECONDS_PER_N3 = 1e-10;
  static final double JAVA_EIGH_SECONDS_PER_N3 = 1.2e-9;
  static final int CG_ITERATIONS = 200;
  static final int LANCZOS_ITERATIONS = 30;
  static final double PRODUCT_FMA_PER_SECOND = 6e9;
  static final double SMALL_FLOPS_PER_SECOND = 2e9;
  /** Direct paths estimated to take less than this run directly whatever the iterative cost. */
  static final double QUICK_SECONDS = 2;

  /** What {@code --solver} asks for. */
  public enum Solver {
    AUTO, DIRECT, ITERATIVE
  }

  /**
   * The shape of a prediction job.
   *
   * @param nTrain N
   * @param nTest test examples (0 without a test set)
   * @param outputs k, the columns of y
   * @param preconditionerRank the rank the iterative path would use
   */
  public record Job(int nTrain, int nTest, int outputs, int preconditionerRank) {}

  /**
   * What the direct path would take.
   *
   * @param fits whether its memory plan fits this machine
   * @param memory the plan in words, for the reason (e.g. "the direct path needs 28.1 GiB, more
   *     than this machine can give")
   * @param nativeLapack whether it factors with native LAPACK (else the pure-Java oracle)
   * @param choleskyFits whether a Cholesky factorization of a copy of the stored kernel fits
   *     beside the iterative path's own memory
   */
  public record DirectPath(boolean fits, String memory, boolean nativeLapack,
      boolean choleskyFits) {}

  /**
   * The solver to run and a sentence saying why.
   *
   * @param choleskyAtInfinity on the iterative path, whether t = ∞ is a Cholesky solve
   */
  public record Decision(Solver solver, String reason, boolean choleskyAtInfinity) {
    Decision(Solver solver, String reason) {
      this(solver, reason, false);
    }

    public boolean iterative() {
      return solver == Solver.ITERATIVE;
    }
  }

  private SolverChoice() {}

  /** @throws InvalidInputException when --solver iterative cannot run the spec */
  public static Decision choose(Solver asked, PredictionSpec spec, Job job, DirectPath direct) {
    var limitation = spec.iterativeLimitation();
    switch (asked) {
      case DIRECT -> {
        return new Decision(Solver.DIRECT, "asked for (--solver direct)");
      }
      case ITERATIVE -> {
        limitation.ifPresent(why -> {
          throw new InvalidInputException("--solver iterative cannot run this"
              + " prediction: " + why + "; use --solver direct");
        });
        return new Decision(Solver.ITERATIVE, "asked for (--solver iterative)");
      }
      default -> {
        if (limitation.isPresent()) {
          return new Decision(Solver.DIRECT, "only the direct path can: " + limitation.get());
        }
        if (!direct.fits()) {
          return iterative(spec, job, direct, direct.memory());
        }
        double d = directSeconds(spec, job, direct.nativeLapack());
        double it = iterativeSeconds(spec, job);
        String times = String.format(Locale.ROOT, "estimated %.1f s direct, %.1f s iterative",
            d, it);
        return d <= QUICK_SECONDS || d <= it ? new Decision(Solver.DIRECT, times)
            : iterative(spec, job, direct, times);
      }
    }
  }

  /**
   * The solver of a prediction whose kernel stays on a cluster ({@code option}, e.g.
   * {@code --spark-master}): the iterative one, the only one that needs nothing of the kernel
   * but products, rows and its diagonal.
   *
   * @throws InvalidInputException for {@code --solver direct}, or a prediction only the direct
   *     path runs
   */
  public static Decision distributed(Solver asked, PredictionSpec spec, String option) {
    if (asked == Solver.DIRECT) {
      throw new InvalidInputException("--solver direct factors the whole kernel on this"
          + " machine, but with " + option + " the kernel stays on the executors: use --solver"
          + " iterative (or auto), or drop " + option);
    }
    spec.iterativeLimitation().ifPresent(why -> {
      throw new InvalidInputException(option + " runs the iterative solver, which cannot run"
          + " this prediction: " + why + "; drop " + option + " to solve on this machine");
    });
    return new Decision(Solver.ITERATIVE, option + ": the kernel's row panels stay on the"
        + " executors, so the iterative solver runs");
  }

  /** The iterative path, with t = ∞ by Cholesky when that fits, is needed and is faster. */
  private static Decision iterative(PredictionSpec spec, Job job, DirectPath direct,
      String reason) {
    TrainingSchedule s = spec.schedule();
    double n = job.nTrain();
    double chol = Math.pow(n, 3) * (direct.nativeLapack() ? NATIVE_CHOLESKY_SECONDS_PER_N3
        : JAVA_CHOLESKY_SECONDS_PER_N3);
    if (hasFinite(s) && hasInfinite(s) && direct.choleskyFits() && chol < cgSeconds(job)) {
      return new Decision(Solver.ITERATIVE, reason + String.format(Locale.ROOT, "; t = inf by"
          + " Cholesky, estimated %.1f s against %.1f s of conjugate gradients", chol,
          cgSeconds(job)), true);
    }
    return new Decision(Solver.ITERATIVE, reason);
  }

  private static double cgSeconds(Job job) {
    double n = job.nTrain();
    double r = job.preconditionerRank();
    return CG_ITERATIONS * n * n * job.outputs() / PRODUCT_FMA_PER_SECOND
        + 2 * n * r * r / SMALL_FLOPS_PER_SECOND;
  }

  static double directSeconds(PredictionSpec spec, Job job, boolean nativeLapack) {
    double n3 = Math.pow(job.nTrain(), 3);
    double chol = nativeLapack ? NATIVE_CHOLESKY_SECONDS_PER_N3 : JAVA_CHOLESKY_SECONDS_PER_N3;
    double eigh = nativeLapack ? NATIVE_EIGH_SECONDS_PER_N3 : JAVA_EIGH_SECONDS_PER_N3;
    return (hasFinite(spec.schedule()) ? eigh * n3 : 0)
        + (hasInfinite(spec.schedule()) ? chol * n3 : 0);
  }

  static double iterativeSeconds(PredictionSpec spec, Job job) {
    double n = job.nTrain();
    double product = n * n * job.outputs() / PRODUCT_FMA_PER_SECOND;
    return (hasFinite(spec.schedule()) ? LANCZOS_ITERATIONS * product : 0)
        + (hasInfinite(spec.schedule()) ? cgSeconds(job) : 0);
  }

  private static boolean hasFinite(TrainingSchedule s) {
    return s.isDiscrete() || !s.isInfinityOnly();
  }

  private static boolean hasInfinite(TrainingSchedule s) {
    for (int i = 0; i < s.size(); i++) {
      if (s.isInfinite(i)) {
        return true;
      }
    }
    return false;
  }
}
