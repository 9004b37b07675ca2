package org.ntk4j.predict;

import java.util.Optional;
import org.ntk4j.InvalidInputException;

/**
 * What a prediction computes, checked for consistency when it is made: how the network is
 * trained or inferred ({@link Mode}), which kernel drives it ({@link Kernel}), the loss, the
 * times, the diagonal regularizer and whether test covariances are wanted. {@link Predictor}
 * runs it; {@link #needs(boolean)} says which kernels it reads, so nothing else is computed.
 */
public record PredictionSpec(Mode mode, Kernel kernel, Loss loss, TrainingSchedule schedule,
    DiagonalRegularizer regularizer, boolean covariance) {

  /** How the infinitely wide network is trained, or inferred. */
  public enum Mode {
    /** One network trained by gradient descent from f₀ = 0 (also the ensemble mean). */
    GD,
    /** Mean and covariance over random initializations (NTK-GP / NNGP-trained ensembles). */
    ENSEMBLE,
    /** The t = ∞ Gaussian-process posterior. */
    GP
  }

  /** The kernel that drives the prediction. */
  public enum Kernel {
    /** Every layer trained: the NTK. */
    NTK,
    /** The readout only, or Bayesian inference: the NNGP. */
    NNGP,
    /** The NTK-GP posterior (GP mode only). */
    NTKGP;

    /** The kernel the dynamics solve with. */
    public KernelKind solvesWith() {
      return this == NNGP ? KernelKind.NNGP : KernelKind.NTK;
    }
  }

  /** The training loss. */
  public enum Loss {
    /** Mean squared error: closed forms. */
    MSE,
    /** Softmax cross-entropy: gradient flow integrated by an adaptive ODE solver. */
    XENT
  }

  public PredictionSpec {
    if (kernel == Kernel.NTKGP && mode != Mode.GP) {
      throw new InvalidInputException("the NTK-GP kernel (--kernel ntkgp) is a GP posterior:"
          + " use it with --mode gp");
    }
    if (loss == Loss.XENT && mode != Mode.GD) {
      throw new InvalidInputException("cross-entropy (--loss xent) has no closed-form ensemble"
          + " or posterior: use it with --mode gd");
    }
    if (loss == Loss.XENT && schedule.isDiscrete()) {
      throw new InvalidInputException("cross-entropy (--loss xent) integrates gradient flow:"
          + " give times (--t), not steps (--steps)");
    }
    if (mode == Mode.GP && (schedule.isDiscrete() || !schedule.isInfinityOnly())) {
      throw new InvalidInputException("the GP posterior (--mode gp) is the t = inf limit: give"
          + " no finite times or steps, or use --mode ensemble");
    }
    if (covariance && mode == Mode.GD) {
      throw new InvalidInputException("covariances (--out-cov) need --mode ensemble or gp:"
          + " --mode gd predicts one network, which has no covariance");
    }
  }

  /**
   * Why the iterative (matrix-free) solvers cannot run this prediction, or empty when they can:
   * they give outputs and means (gradient descent at any time, ensemble means, GP posterior
   * means), not covariances, cross-entropy dynamics or a log marginal likelihood.
   */
  public Optional<String> iterativeLimitation() {
    if (loss == Loss.XENT) {
      return Optional.of("cross-entropy (--loss xent) integrates an ODE with the dense kernel");
    }
    if (covariance) {
      return Optional.of("covariances (--out-cov) need the dense kernel");
    }
    return Optional.empty();
  }

  /**
   * Which kernels the prediction reads. Gradient descent and a GP mean read only the kernel
   * they solve with; ensembles and covariances need the NNGP and the NTK.
   *
   * @param hasTest whether there is a test set
   */
  public KernelNeeds needs(boolean hasTest) {
    boolean single = mode == Mode.GD || (mode == Mode.GP && !covariance);
    KernelKind k = kernel.solvesWith();
    boolean nngp = !single || k == KernelKind.NNGP;
    boolean ntk = !single || k == KernelKind.NTK;
    KernelKind testTest = kernel == Kernel.NTKGP ? KernelKind.NTK : KernelKind.NNGP;
    return new KernelNeeds(nngp, ntk, hasTest,
        covariance && hasTest ? testTest : null);
  }

  /**
   * The kernels a prediction reads.
   *
   * @param nngp whether the NNGP of train-train (and test-train) pairs is read
   * @param ntk whether the NTK is
   * @param testTrain whether the test-train kernels are read
   * @param testTest the kind of test-test kernel read (covariances), or null for none
   */
  public record KernelNeeds(boolean nngp, boolean ntk, boolean testTrain, KernelKind testTest) {}
}
