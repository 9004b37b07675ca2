package org.ntk4j.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * Runs a {@link PredictionSpec}: from an architecture and inputs it computes on a backend exactly
 * the kernels the prediction reads, then the closed forms (or the ODE for cross-entropy) on the
 * given linear algebra. The CLI's {@code predict}, the demo and library callers share it.
 *
 * <pre>{@code
 * try (KernelBackend backend = Backends.standard().open("auto", BackendOptions.defaults());
 *     LinearAlgebra la = backend.linearAlgebra()) {
 *   PredictionSpec spec = new PredictionSpec(Mode.GD, Kernel.NTK, Loss.MSE,
 *       TrainingSchedule.continuous(1, 10, 100, Double.POSITIVE_INFINITY),
 *       DiagonalRegularizer.relative(1e-4), false);
 *   PredictionResults r = new Predictor(spec, la).predict(backend, arch, x, y, xTest);
 * }
 * }</pre>
 */
public final class Predictor {
  /** Cross-entropy's ODE tolerances (relative, absolute). */
  private static final double XENT_RTOL = 1e-9;
  private static final double XENT_ATOL = 1e-12;

  private final PredictionSpec spec;
  private final LinearAlgebra la;

  public Predictor(PredictionSpec spec, LinearAlgebra la) {
    this.spec = spec;
    this.la = la;
  }

  /**
   * Computes the kernels {@code spec} needs on {@code backend}, then predicts.
   *
   * @param xTest test inputs, or null without a test set
   */
  public PredictionResults predict(KernelBackend backend, Architecture architecture, Matrix x,
      Matrix y, Matrix xTest) {
    PredictionKernels k = PredictionKernels.compute(backend, architecture, x, xTest,
        spec.needs(xTest != null));
    return predict(k, y);
  }

  /** Predicts from kernels computed beforehand (or loaded). */
  public PredictionResults predict(PredictionKernels k, Matrix y) {
    if (spec.mode() == PredictionSpec.Mode.GP && k.testTrain() == null) {
      throw new InvalidInputException("the GP posterior (--mode gp) predicts a test"
          + " set: give test inputs (--x-test) or a test-train kernel (--k-test-train)");
    }
    if (spec.covariance() && k.testTest() == null) {
      throw new InvalidInputException("covariances (--out-cov) need the test-test"
          + " kernel: compute the kernels from the architecture and test inputs");
    }
    return switch (spec.mode()) {
      case GD -> spec.loss() == PredictionSpec.Loss.MSE ? gradientDescent(k, y)
          : crossEntropy(k, y);
      case ENSEMBLE -> ensemble(k, y);
      case GP -> gp(k, y);
    };
  }

  private KernelKind kind() {
    return spec.kernel().solvesWith();
  }

  private PredictionResults gradientDescent(PredictionKernels k, Matrix y) {
    TrainingSchedule s = spec.schedule();
    Prediction p = new GradientDescentMse(la, k.trainTrain().get(kind(), "train-train"), y,
        spec.regularizer()).predict(s, null, testTrain(k), null);
    return results(p.train(), p.test(), null);
  }

  private PredictionResults crossEntropy(PredictionKernels k, Matrix y) {
    TrainingSchedule s = spec.schedule();
    Prediction p = new CrossEntropyDynamics(la, k.trainTrain().get(kind(), "train-train"), y,
        s.learningRate(), null, XENT_RTOL, XENT_ATOL).predict(s.points(), null, testTrain(k),
        null);
    return results(p.train(), p.test(), null);
  }

  private Matrix testTrain(PredictionKernels k) {
    return k.testTrain() == null ? null : k.testTrain().get(kind(), "test-train");
  }

  private PredictionResults ensemble(PredictionKernels k, Matrix y) {
    TrainingSchedule s = spec.schedule();
    GradientDescentMseEnsemble e = new GradientDescentMseEnsemble(la, k.trainTrain(), y,
        spec.regularizer());
    List<Matrix> train = means(e.train(kind(), s, false));
    List<Matrix> mean = null;
    List<Matrix> cov = null;
    if (k.testTrain() != null) {
      List<Gaussian> g = e.test(kind(), s, k.testTrain(),
          spec.covariance() ? k.testTest().nngp() : null);
      mean = means(g);
      cov = spec.covariance() ? g.stream().map(Gaussian::covariance).toList() : null;
    }
    return results(train, mean, cov);
  }

  private PredictionResults gp(PredictionKernels k, Matrix y) {
    GpInference gp = new GpInference(la, k.trainTrain(), y, spec.regularizer());
    GpInference.Mode m = GpInference.Mode.valueOf(spec.kernel().name());
    Gaussian g = gp.posterior(m, k.testTrain(), spec.covariance() ? k.testTest() : null);
    OptionalDouble lml = m == GpInference.Mode.NNGP
        ? OptionalDouble.of(gp.nngpLogMarginalLikelihood()) : OptionalDouble.empty();
    return new PredictionResults(List.of("t=inf"), new double[] {Double.POSITIVE_INFINITY},
        List.of(y), List.of(g.mean()), spec.covariance() ? List.of(g.covariance()) : null, lml);
  }

  private PredictionResults results(List<Matrix> train, List<Matrix> test, List<Matrix> cov) {
    TrainingSchedule s = spec.schedule();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      labels.add(s.label(i));
    }
    return new PredictionResults(labels, s.points(), train, test, cov, OptionalDouble.empty());
  }

  private static List<Matrix> means(List<Gaussian> g) {
    return g.stream().map(Gaussian::mean).toList();
  }
}
