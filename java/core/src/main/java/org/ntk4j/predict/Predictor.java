package org.ntk4j.predict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.stax.Architecture;

/**
 * Runs a {@link PredictionSpec}: from an architecture and inputs it computes on a backend exactly
 * the kernels the prediction reads, then the closed forms (or the ODE for cross-entropy) on the
 * given linear algebra. The CLI's {@code predict}, the demo and library callers share it.
 *
 * <p>Memory: kernels it computes go to the linear algebra's own storage
 * ({@link LinearAlgebra#allocator()}: native memory for native LAPACK) and are handed over to
 * the closed forms, which regularize and factor the train-train kernel in place. At t = ∞ only,
 * gradient descent reads K(x, X) just once, times K_reg⁻¹·y: it is computed a block of test
 * rows at a time ({@link #TEST_BLOCK_BYTES}) and never held whole.
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

  /** The test-train kernel is computed in blocks of at most this many bytes when it can be. */
  public static final long TEST_BLOCK_BYTES = 1L << 30;

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
    MatrixAllocator storage = la.allocator();
    boolean blocks = streamsTestRows(spec, xTest != null);
    PredictionSpec.KernelNeeds needs = spec.needs(xTest != null && !blocks);
    try (PredictionKernels k = PredictionKernels.compute(backend, architecture, x, xTest, needs,
        storage)) {
      TestKernelRows rows = !blocks ? null : new TestKernelRows(backend, architecture, xTest, x,
          kind(), storage, testBlockRows(x.rows(), xTest.rows(), storage));
      return predict(k, y, true, rows);
    }
  }

  /**
   * Whether a prediction computes its test-train kernel block by block: gradient descent on
   * the MSE at t = ∞ only, with a test set.
   */
  public static boolean streamsTestRows(PredictionSpec spec, boolean hasTest) {
    return hasTest && spec.mode() == PredictionSpec.Mode.GD
        && spec.loss() == PredictionSpec.Loss.MSE && spec.schedule().isInfinityOnly();
  }

  /** Test rows per block of an N-column test-train kernel stored by {@code storage}. */
  public static int testBlockRows(int n, int m, MatrixAllocator storage) {
    long width;
    try (Matrix probe = storage.allocate(1, 1)) {
      width = probe.bytes();
    }
    return (int) Math.max(1, Math.min(m, TEST_BLOCK_BYTES / ((long) n * width)));
  }

  /** Predicts from kernels computed beforehand (or loaded); they are left as they are. */
  public PredictionResults predict(PredictionKernels k, Matrix y) {
    return predict(k, y, false, null);
  }

  /**
   * Predicts from kernels handed over: the train-train kernel is regularized and factored in
   * place (no N × N copy), so {@code k} must not be used afterwards.
   */
  public PredictionResults predictConsuming(PredictionKernels k, Matrix y) {
    return predict(k, y, true, null);
  }

  private PredictionResults predict(PredictionKernels k, Matrix y, boolean consume,
      TestKernelRows testRows) {
    if (spec.mode() == PredictionSpec.Mode.GP && k.testTrain() == null && testRows == null) {
      throw new InvalidInputException("the GP posterior (--mode gp) predicts a test"
          + " set: give test inputs (--x-test) or a test-train kernel (--k-test-train)");
    }
    if (spec.covariance() && k.testTest() == null) {
      throw new InvalidInputException("covariances (--out-cov) need the test-test"
          + " kernel: compute the kernels from the architecture and test inputs");
    }
    return switch (spec.mode()) {
      case GD -> spec.loss() == PredictionSpec.Loss.MSE ? gradientDescent(k, y, consume,
          testRows) : crossEntropy(k, y);
      case ENSEMBLE -> ensemble(k, y);
      case GP -> gp(k, y);
    };
  }

  /**
   * Predicts matrix-free over kernel operators with the iterative solvers: outputs and means at
   * every time (gradient descent; the ensemble's means, which are the same; the GP posterior
   * mean at t = ∞). The NNGP log marginal likelihood is not computed this way.
   *
   * @throws InvalidInputException when the spec needs what only the dense path gives
   *     ({@link PredictionSpec#iterativeLimitation()})
   */
  public PredictionResults predict(PredictionOperators k, Matrix y, KrylovSolver solver) {
    return predict(k, y, solver, false);
  }

  /**
   * {@link #predict(PredictionOperators, Matrix, KrylovSolver)}, with t = ∞ solved by a
   * Cholesky factorization of a copy of the stored train kernel on this predictor's linear
   * algebra when {@code choleskyAtInfinity} (the finite times still come from Lanczos): the
   * faster way where the copy fits, as {@link SolverChoice} decides.
   */
  public PredictionResults predict(PredictionOperators k, Matrix y, KrylovSolver solver,
      boolean choleskyAtInfinity) {
    spec.iterativeLimitation().ifPresent(why -> {
      throw new InvalidInputException("the iterative solver cannot run this prediction: " + why
          + "; use --solver direct");
    });
    if (spec.mode() == PredictionSpec.Mode.GP && k.testTrain() == null) {
      throw new InvalidInputException("the GP posterior (--mode gp) predicts a test"
          + " set: give test inputs (--x-test) or a test-train kernel (--k-test-train)");
    }
    IterativeGradientDescentMse gd = new IterativeGradientDescentMse(k.trainTrain(), y,
        spec.regularizer(), solver);
    if (choleskyAtInfinity) {
      Matrix kernel = k.trainTrain().stored().orElseThrow(() -> new IllegalArgumentException(
          "a Cholesky factorization at t = inf needs the train kernel stored, not recomputed"));
      gd.withDirectSolve(r -> choleskySolve(kernel, gd.shift(), r));
    }
    Prediction p = gd.predict(spec.schedule(), null, k.testTrain(), null);
    if (spec.mode() == PredictionSpec.Mode.GP) {
      return new PredictionResults(List.of("t=inf"), new double[] {Double.POSITIVE_INFINITY},
          List.of(y), p.test(), null, OptionalDouble.empty());
    }
    return results(p.train(), p.test(), null);
  }

  /** K_reg⁻¹·R from a Cholesky factorization of a copy of K, shifted, in la's storage. */
  private Matrix choleskySolve(Matrix kernel, double shift, Matrix r) {
    int n = kernel.rows();
    try (Matrix a = la.allocator().allocate(n, n)) {
      kernel.copyInto(a);
      for (int i = 0; i < n; i++) {
        a.set(i, i, a.get(i, i) + shift);
      }
      la.choleskyInPlace(a);
      return la.solveWithCholesky(a, r).toHeap();
    }
  }

  private KernelKind kind() {
    return spec.kernel().solvesWith();
  }

  private PredictionResults gradientDescent(PredictionKernels k, Matrix y, boolean consume,
      TestKernelRows testRows) {
    TrainingSchedule s = spec.schedule();
    Matrix kTrain = k.trainTrain().get(kind(), "train-train");
    GradientDescentMse gd = consume
        ? GradientDescentMse.consuming(la, kTrain, y, spec.regularizer())
        : new GradientDescentMse(la, kTrain, y, spec.regularizer());
    Prediction p = gd.predict(s, null, testTrain(k), null);
    List<Matrix> test = p.test();
    if (testRows != null) {
      test = Collections.nCopies(s.size(), testRows.map(gd::testAtInfinity));
    }
    return results(p.train(), test, null);
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
