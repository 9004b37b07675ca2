package org.ntk4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.JobShape;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.krylov.KrylovSettings;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.HostLinearAlgebra;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.linalg.NativeMemory;
import org.ntk4j.linalg.NativeLinearAlgebra;
import org.ntk4j.linalg.Placement;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.KernelKind;
import org.ntk4j.predict.PredictionOperators;
import org.ntk4j.predict.PredictionKernels;
import org.ntk4j.predict.PredictionResults;
import org.ntk4j.predict.PredictionSpec;
import org.ntk4j.predict.Predictor;
import org.ntk4j.predict.SolverChoice;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Architecture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ntk4j predict}: what a wide network trained by gradient descent outputs at any time,
 * and exact GP inference, from the kernels of an architecture (or precomputed kernels).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {
        "Predicts the outputs of an infinitely wide network trained by gradient descent at many "
            + "times at once (closed form for MSE, one eigendecomposition for every time), the "
            + "mean and covariance over random initializations, or GP posteriors.",
        "Prints train/test MSE (and accuracy for one-hot targets) per time. Outputs are .npy: "
            + "means (T, n_test, k), covariances (T, n_test, n_test), train outputs (T, n, k); "
            + "nothing is written on error."},
    footer = {"", "Example:",
        "  ntk4j predict --arch \"dense(512, w_std=1.5, b_std=0.05), relu(), dense(10)\" \\",
        "    --x-train xtr.npy --y-train ytr.npy --x-test xte.npy --y-test yte.npy \\",
        "    --t 0,1,10,100,inf --out-mean mean.npy --plot curves.png", ""})
public final class PredictCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Where the kernels come from: an architecture and inputs, or precomputed matrices. */
  @ArgGroup(exclusive = true, multiplicity = "1")
  KernelSource source;

  static final class KernelSource {
    @ArgGroup(exclusive = false, heading = "Kernels from an architecture:%n")
    FromArchitecture architecture;

    @ArgGroup(exclusive = false, heading = "Precomputed kernels (of --kernel):%n")
    Precomputed precomputed;
  }

  static final class FromArchitecture {
    @Option(names = "--arch", required = true, paramLabel = "SPEC",
        description = "the architecture (as for 'ntk4j kernel')")
    String arch;

    @Option(names = "--x-train", required = true, paramLabel = "FILE",
        description = "training inputs (n, d)")
    String xTrain;

    @Option(names = "--x-test", paramLabel = "FILE", description = "test inputs (m, d)")
    String xTest;
  }

  static final class Precomputed {
    @Option(names = "--k-train", required = true, paramLabel = "FILE",
        description = "precomputed train-train kernel (n, n)")
    String kTrain;

    @Option(names = "--k-test-train", paramLabel = "FILE",
        description = "precomputed test-train kernel (m, n)")
    String kTestTrain;
  }

  @Option(names = "--y-train", required = true, paramLabel = "FILE",
      description = "training targets (n, k) or (n,), e.g. one-hot labels")
  String yTrain;

  @Option(names = "--y-test", paramLabel = "FILE",
      description = "test targets (m, k), for the table's test MSE and accuracy")
  String yTest;

  // --t and --steps exclude each other, but not as an exclusive @ArgGroup: picocli 4.7 then
  // reports "expected only one match" with the whole command line instead of naming the two
  // options when another group (the kernel source) precedes it. schedule() checks it.
  @Option(names = "--t", paramLabel = "T,..",
      description = "times, comma-separated, inf for convergence (τ = learning rate × t). "
          + "Default: inf")
  String times;

  @Option(names = "--steps", paramLabel = "K,..",
      description = "discrete gradient descent: step counts instead of --t")
  String steps;

  @Option(names = "--learning-rate", defaultValue = "1", paramLabel = "ETA",
      description = "learning rate η. Default: ${DEFAULT-VALUE}")
  double learningRate;

  @Option(names = "--diag-reg", defaultValue = "0", paramLabel = "R",
      description = "adds R × (mean of the kernel's diagonal) to the train-train kernel's "
          + "diagonal, as neural-tangents' diag_reg. Default: ${DEFAULT-VALUE}")
  double diagReg;

  @Option(names = "--kernel", defaultValue = "ntk", paramLabel = "K",
      description = "ntk (train every layer), nngp (train the readout only / Bayesian), ntkgp "
          + "(--mode gp only). Default: ${DEFAULT-VALUE}")
  PredictionSpec.Kernel kernel;

  @Option(names = "--mode", defaultValue = "gd", paramLabel = "M",
      description = "gd (one network started at f0 = 0, i.e. the ensemble mean), ensemble (mean "
          + "and covariance over initializations), gp (posterior, t = inf). "
          + "Default: ${DEFAULT-VALUE}")
  PredictionSpec.Mode mode;

  @Option(names = "--loss", defaultValue = "mse", paramLabel = "L",
      description = "mse (closed form) or xent (softmax cross-entropy, adaptive ODE solver; "
          + "--mode gd, finite --t). Default: ${DEFAULT-VALUE}")
  PredictionSpec.Loss loss;

  @Option(names = "--out-mean", paramLabel = "FILE",
      description = "test outputs/means, shape (T, n_test, k)")
  Path outMean;

  @Option(names = "--out-cov", paramLabel = "FILE",
      description = "test covariances, shape (T, n_test, n_test) (--mode ensemble or gp)")
  Path outCov;

  @Option(names = "--out-train", paramLabel = "FILE",
      description = "train outputs/means, shape (T, n, k)")
  Path outTrain;

  @Option(names = "--plot", paramLabel = "FILE.png",
      description = "draw the table against time (log scale) as a PNG")
  Path plot;

  @Option(names = "--solver", defaultValue = "auto", paramLabel = "S",
      description = "direct (factor the dense kernel: Cholesky, eigendecomposition), iterative "
          + "(conjugate gradients and block Lanczos over the kernel, never factored; any N), or "
          + "auto: direct when it fits in memory and is estimated faster (with --spark-master: "
          + "iterative). Default: ${DEFAULT-VALUE}")
  SolverChoice.Solver solver;

  @Option(names = "--tolerance", paramLabel = "T",
      description = "iterative solver: stop at this relative residual (t = inf) or estimated "
          + "relative error (finite times). Default: 1e-8")
  Double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "iterative solver: the most block products per solve. Default: 1000")
  Integer maxIterations;

  @Option(names = "--preconditioner-rank", paramLabel = "R",
      description = "iterative solver: the largest rank of the pivoted-Cholesky preconditioner "
          + "(0: none; also at most min(N/4, 12·sqrt(N)) and what memory holds). Default: "
          + "2000")
  Integer preconditionerRank;

  @Option(names = "--recompute-kernel",
      description = "iterative solver with --arch: never store the train-train kernel, "
          + "recompute it for every product (O(N) memory, one kernel computation per "
          + "iteration; with --spark-master: on the executors, instead of caching its panels)")
  boolean recomputeKernel;

  @Option(names = "--plot-convergence", paramLabel = "FILE.png",
      description = "iterative solver: draw the residual/error against the iteration as a PNG")
  Path plotConvergence;

  @Mixin BackendMixin backendOptions;

  @Mixin SparkMixin spark;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PredictionSpec prediction = new PredictionSpec(mode, kernel, loss, schedule(),
        DiagonalRegularizer.relative(diagReg), outCov != null);
    checkTestSet();
    checkSolverOptions();
    spark.requireMasterForOptions();
    spark.requirePredictOptions(source.precomputed != null);
    SolverChoice.Decision distributed = spark.enabled()
        ? SolverChoice.distributed(solver, prediction, "--spark-master") : null;
    FromArchitecture a = source.architecture;
    Precomputed p = source.precomputed;
    OutputFiles.check(new String[] {"--out-mean", "--out-cov", "--out-train", "--plot",
        "--plot-convergence"}, new Path[] {outMean, outCov, outTrain, plot, plotConvergence},
        new String[] {"--x-train", "--x-test", "--k-train", "--k-test-train", "--y-train",
            "--y-test"}, new String[] {a == null ? null : a.xTrain, a == null ? null : a.xTest,
            p == null ? null : p.kTrain, p == null ? null : p.kTestTrain, yTrain, yTest});

    Matrix y = InputMatrices.load(yTrain, "y_train");
    Matrix yt = yTest == null ? null : InputMatrices.load(yTest, "y_test");
    KernelInputs inputs = source.precomputed != null ? null : loadInputs(y);
    if (outCov != null && inputs != null) {
      requireWritableCovariances(inputs.testRows(), prediction.schedule().size());
    }
    int nTest;
    long start = System.nanoTime();
    try (KernelBackend backend = spark.enabled() ? spark.open(backendOptions, null)
            : backendOptions.open(Backends.standard(), inputs == null ? null
                : inputs.job(prediction));
        LinearAlgebra la = backend.linearAlgebra(backendOptions.precision());
        SolverProgress progress = new SolverProgress(spec.commandLine().getErr());
        PrecomputedKernels files = inputs == null ? mapPrecomputed(y) : null) {
      HostLinearAlgebra.fallbackNotice().filter(n -> la instanceof JavaLinearAlgebra)
          .ifPresent(n -> Notice.print(spec.commandLine().getErr(), n));
      int nTrain = inputs == null ? files.train().rows() : inputs.train().rows();
      nTest = inputs == null ? files.testRows() : inputs.testRows();
      if (yt != null) {
        requireTestTargets(yt, y, nTest);
      }
      KrylovSettings settings = krylovSettings(progress);
      SolverChoice.Decision decision = distributed != null ? distributed
          : chooseSolver(nTrain, nTest, y.cols(), prediction, la, settings);
      Predictor predictor = new Predictor(prediction, la);
      PredictionResults results;
      List<String> solverLog = List.of();
      if (decision.iterative()) {
        try (PredictionOperators ops = operators(backend, inputs, files, y.cols(), settings);
            KrylovSolver krylov = new KrylovSolver(settings)) {
          results = predictor.predict(ops, y, krylov, decision.choleskyAtInfinity());
          if (spark.enabled()) {
            krylov.note("train kernel " + ops.trainTrain().description());
          }
          solverLog = krylov.log();
        }
      } else {
        requirePlan(nTrain, nTest, y.cols(), prediction, la);
        if (inputs == null) {
          try (PredictionKernels kernels = PredictionKernels.precomputed(kernel.solvesWith(),
              stored(files.train(), la), files.test() == null ? null : stored(files.test(), la))) {
            results = predictor.predictConsuming(kernels, y);
          }
        } else {
          results = predictor.predict(backend, inputs.architecture(), inputs.train(), y,
              inputs.test());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.println("solver: " + cliName(decision.solver()) + " (" + decision.reason() + ")");
      solverLog.forEach(line -> out.println("  " + line));
      results.nngpLogMarginalLikelihood().ifPresent(lml -> out.println(
          String.format(Locale.ROOT, "NNGP log marginal likelihood: %.6f", lml)));
      ResultTable table = PredictionTable.of(results, y, yt);
      out.print(table.format());
      List<String> written = write(results, table, prediction.schedule(), progress);
      out.println(String.format(Locale.ROOT, "predict: --mode %s --kernel %s --loss %s, %d"
          + " train, %d test, %d outputs, %d time%s; %.1f s, linear algebra %s; %s",
          cliName(mode), cliName(kernel), cliName(loss), y.rows(), nTest, y.cols(),
          results.labels().size(), results.labels().size() == 1 ? "" : "s", seconds, la.name(),
          written.isEmpty() ? "nothing written" : "wrote " + String.join(", ", written)));
    }
    out.flush();
    return 0;
  }

  /**
   * The solver: {@code --solver}, or for {@code auto} the direct path when its memory plan fits
   * this machine and it is estimated faster ({@link SolverChoice}).
   */
  private SolverChoice.Decision chooseSolver(int n, int m, int outputs,
      PredictionSpec prediction, LinearAlgebra la, KrylovSettings settings) {
    boolean indexable = !(la instanceof NativeLinearAlgebra)
        || n <= NativeLinearAlgebra.MAX_SQUARE_ORDER;
    MemoryPlan plan = PredictMemory.plan(n, m, outputs, prediction, la);
    boolean fits = indexable && plan.fits(MemoryPlan.Machine.current());
    String memory = String.format(Locale.ROOT, "the direct path needs %.1f GiB, %s",
        plan.totalBytes() / (double) (1L << 30), fits ? "which fits"
            : "more than this machine can give");
    // t = inf by Cholesky beside the iterative path: a copy of the stored kernel in la's storage.
    MemoryPlan beside = iterativePlan(n, outputs, settings, source.precomputed != null);
    PredictMemory.addCholeskyCopy(beside, n, la);
    boolean choleskyFits = indexable && !recomputeKernel
        && beside.fits(MemoryPlan.Machine.current());
    // --recompute-kernel asks for the kernel never to be stored: only the iterative path can.
    boolean forced = recomputeKernel && solver == SolverChoice.Solver.AUTO;
    if (forced) {
      prediction.iterativeLimitation().ifPresent(why -> {
        throw new InvalidInputException("--recompute-kernel needs the iterative solver, which"
            + " cannot run this prediction: " + why + "; drop --recompute-kernel");
      });
    }
    SolverChoice.Decision d = SolverChoice.choose(forced ? SolverChoice.Solver.ITERATIVE
            : solver, prediction,
        new SolverChoice.Job(n, m, outputs, settings.preconditionerRank(n)),
        new SolverChoice.DirectPath(fits, memory, la instanceof NativeLinearAlgebra,
            choleskyFits));
    if (forced) {
      d = new SolverChoice.Decision(d.solver(), "--recompute-kernel: the kernel is never"
          + " stored, so the iterative solver runs", d.choleskyAtInfinity());
    }
    if (plotConvergence != null && !d.iterative()) {
      throw new InvalidInputException("--plot-convergence draws the iterative solver, but the"
          + " direct one runs (" + d.reason() + "): add --solver iterative");
    }
    return d;
  }

  /** The solver options that only the iterative solver reads, checked before any work. */
  private void checkSolverOptions() {
    boolean iterativeOnly = tolerance != null || maxIterations != null
        || preconditionerRank != null || recomputeKernel || plotConvergence != null;
    if (solver == SolverChoice.Solver.DIRECT && iterativeOnly) {
      throw new InvalidInputException("--tolerance, --max-iterations, --preconditioner-rank,"
          + " --recompute-kernel and --plot-convergence set the iterative solver: drop them or"
          + " use --solver iterative");
    }
    if (recomputeKernel && source.precomputed != null) {
      throw new InvalidInputException("--recompute-kernel recomputes the kernel from --arch;"
          + " with --k-train the stored kernel is read from its file");
    }
  }

  private KrylovSettings krylovSettings(SolverProgress progress) {
    KrylovSettings s = KrylovSettings.defaults().withListener(progress)
        .withThreads(backendOptions.options().threads());
    if (tolerance != null) {
      s = s.withTolerance(tolerance);
    }
    if (maxIterations != null) {
      s = s.withMaxIterations(maxIterations);
    }
    if (preconditionerRank != null) {
      s = s.withMaxPreconditionerRank(preconditionerRank);
    }
    return s;
  }

  /**
   * The precomputed kernels: mapped when they are .npy files (never read onto the heap),
   * otherwise loaded.
   */
  private record PrecomputedKernels(Matrix train, Matrix test) implements AutoCloseable {
    int testRows() {
      return test == null ? 0 : test.rows();
    }

    @Override
    public void close() {
      train.close();
      if (test != null) {
        test.close();
      }
    }
  }

  /** The precomputed kernels, mapped or loaded, with their shapes checked against y. */
  private PrecomputedKernels mapPrecomputed(Matrix y) throws Exception {
    Precomputed p = source.precomputed;
    Matrix k = InputMatrices.loadMappable(p.kTrain, "K_train");
    Matrix kt = p.kTestTrain == null ? null
        : InputMatrices.loadMappable(p.kTestTrain, "K_test_train");
    PredictionKernels.requireShapes(k, InputMatrices.label(p.kTrain, "K_train"), kt,
        p.kTestTrain == null ? null : InputMatrices.label(p.kTestTrain, "K_test_train"), y,
        InputMatrices.label(yTrain, "y_train"));
    return new PrecomputedKernels(k, kt);
  }

  /** What the iterative path holds (a stored kernel file is mapped, not counted). */
  private MemoryPlan iterativePlan(int n, int outputs, KrylovSettings settings,
      boolean fromFiles) {
    int width = fromFiles || recomputeKernel || spark.enabled() ? 0
        : backendOptions.precision().bytes();
    return PredictMemory.iterativePlan(n, outputs, width, !NativeMemory.available(),
        settings.preconditionerRank(n));
  }

  /**
   * The iterative path's kernel operators: stored kernels where they are (a mapped .npy is read
   * from its file), or from --arch: the train kernel computed once into native memory in
   * --precision (the heap without the natives) or, with --recompute-kernel, never stored; with
   * --spark-master, row panels on the Spark executors (cached there when they fit, recomputed
   * with --recompute-kernel). The memory this holds is checked first.
   */
  private PredictionOperators operators(KernelBackend backend, KernelInputs inputs,
      PrecomputedKernels files, int outputs, KrylovSettings settings) {
    int threads = backendOptions.options().threads();
    if (files != null) {
      return PredictionOperators.of(files.train(), files.test(), threads);
    }
    int n = inputs.train().rows();
    Precision precision = backendOptions.precision();
    boolean storedHere = !recomputeKernel && !spark.enabled();
    iterativePlan(n, outputs, settings, false).require(MemoryPlan.Machine.current(),
        PredictMemory.iterativeFixes(precision, !storedHere, cliName(kernel.solvesWith())));
    boolean ntk = kernel.solvesWith() == KernelKind.NTK;
    if (spark.enabled()) {
      return spark.predictionOperators(backend, inputs.architecture(), inputs.train(),
          inputs.test(), ntk, recomputeKernel);
    }
    MatrixAllocator storage = recomputeKernel ? null : MatrixAllocator.of(precision,
        NativeMemory.available() ? Placement.NATIVE : Placement.HEAP);
    return PredictionOperators.fromArchitecture(backend, inputs.architecture(), inputs.train(),
        inputs.test(), ntk, storage, threads);
  }

  private static String cliName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private TrainingSchedule schedule() {
    if (times != null && steps != null) {
      throw new InvalidInputException("give either --t (gradient flow) or --steps (discrete"
          + " gradient descent), not both");
    }
    if (steps != null) {
      return TrainingSchedule.steps(learningRate, TimeList.parseSteps(steps, "--steps"));
    }
    double[] points = TimeList.parseTimes(times == null ? "inf" : times, "--t");
    if (mode == PredictionSpec.Mode.GP && Arrays.stream(points).allMatch(Double::isInfinite)) {
      points = new double[] {Double.POSITIVE_INFINITY}; // "inf,inf" is one posterior
    }
    return TrainingSchedule.continuous(learningRate, points);
  }

  /** The options that need a test set, checked before any work. */
  private void checkTestSet() {
    boolean hasTest = source.precomputed != null ? source.precomputed.kTestTrain != null
        : source.architecture.xTest != null;
    if (!hasTest && (outMean != null || outCov != null || yTest != null)) {
      throw new InvalidInputException("--out-mean, --out-cov and --y-test need a test set:"
          + " give --x-test (or --k-test-train)");
    }
    if (mode == PredictionSpec.Mode.GP && !hasTest) {
      throw new InvalidInputException("--mode gp predicts a test set: give --x-test (or"
          + " --k-test-train)");
    }
    if (source.precomputed != null && outCov != null) {
      throw new InvalidInputException("--out-cov needs the test-test kernel: compute the"
          + " kernels from --arch and --x-test instead of --k-train");
    }
  }

  /** A mapped kernel copied into {@code la}'s storage (a file mapping is never written). */
  private static Matrix stored(Matrix m, LinearAlgebra la) {
    if (m.placement() != Placement.MAPPED) {
      return m;
    }
    Matrix copy = la.allocator().allocate(m.rows(), m.cols());
    m.copyInto(copy);
    return copy;
  }

  /** Refuses, before any kernel is computed or read, a job that this machine cannot hold. */
  private void requirePlan(int n, int m, int outputs, PredictionSpec prediction,
      LinearAlgebra la) {
    if (la instanceof NativeLinearAlgebra) {
      NativeLinearAlgebra.requireIndexable(n, n, "a prediction from " + n + " training examples");
    }
    PredictMemory.plan(n, m, outputs, prediction, la).require(MemoryPlan.Machine.current(),
        PredictMemory.fixes(n, m, outputs, prediction, la, backendOptions.precision()));
  }

  /** The architecture and inputs the kernels are computed from (checked, before any work). */
  private record KernelInputs(Architecture architecture, Matrix train, Matrix test) {
    int testRows() {
      return test == null ? 0 : test.rows();
    }

    /** The kernel work, for --backend auto. */
    JobShape job(PredictionSpec prediction) {
      JobShape shape = JobShape.of(KernelRequest.symmetric(architecture, train));
      if (test != null) {
        shape = shape.plus(JobShape.of(KernelRequest.of(architecture, test, train)));
        if (prediction.needs(true).testTest() != null) {
          shape = shape.plus(JobShape.of(KernelRequest.symmetric(architecture, test)));
        }
      }
      return shape;
    }
  }

  private KernelInputs loadInputs(Matrix y) throws Exception {
    FromArchitecture a = source.architecture;
    Architecture architecture = Architecture.parse(a.arch);
    Matrix x = InputMatrices.load(a.xTrain, "X_train");
    String xLabel = InputMatrices.label(a.xTrain, "X_train");
    if (x.rows() != y.rows()) {
      throw new InvalidInputException(xLabel + " has shape " + x.shape() + " but "
          + InputMatrices.label(yTrain, "y_train") + " has shape " + y.shape()
          + ": they need the same number of rows (examples)");
    }
    Matrix xt = null;
    if (a.xTest != null) {
      xt = InputMatrices.load(a.xTest, "X_test");
      InputMatrices.requireSameWidth(x, xLabel, xt, InputMatrices.label(a.xTest, "X_test"));
    }
    architecture.output(x.cols());
    return new KernelInputs(architecture, x, xt);
  }

  private void requireTestTargets(Matrix yt, Matrix y, int nTest) {
    String label = InputMatrices.label(yTest, "y_test");
    if (yt.rows() != nTest) {
      String testLabel = source.precomputed != null
          ? InputMatrices.label(source.precomputed.kTestTrain, "K_test_train")
          : InputMatrices.label(source.architecture.xTest, "X_test");
      throw new InvalidInputException(label + " has shape " + yt.shape() + " but the test set"
          + " has " + nTest + " examples (" + testLabel + ")");
    }
    if (yt.cols() != y.cols()) {
      throw new InvalidInputException(label + " has shape " + yt.shape() + " but "
          + InputMatrices.label(yTrain, "y_train") + " has shape " + y.shape()
          + ": they need the same number of outputs (columns)");
    }
  }

  /** Prepares every output in a temporary file, then renames them all. */
  private List<String> write(PredictionResults r, ResultTable table, TrainingSchedule s,
      SolverProgress progress) throws Exception {
    if (backendOptions.precision() == Precision.FLOAT32) {
      requireFloat32("test outputs", r.testMean(), r.labels());
      requireFloat32("test covariances", r.testCov(), r.labels());
      requireFloat32("train outputs", r.train(), r.labels());
    }
    try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
      var dtype = NpyDtype.of(backendOptions.precision());
      if (outMean != null) {
        batch.add(AtomicFiles.prepare(outMean, Npy.writer(stack(r.testMean()), dtype)));
      }
      if (outCov != null) {
        batch.add(AtomicFiles.prepare(outCov, Npy.writer(stack(r.testCov()), dtype)));
      }
      if (outTrain != null) {
        batch.add(AtomicFiles.prepare(outTrain, Npy.writer(stack(r.train()), dtype)));
      }
      if (plot != null) {
        batch.add(AtomicFiles.prepare(plot,
            PredictionPlot.writer(table, r.times(), s.isDiscrete() ? "steps" : "t")));
      }
      if (plotConvergence != null) {
        batch.add(AtomicFiles.prepare(plotConvergence, progress.plot()));
      }
      return batch.commit();
    }
  }

  /**
   * --out-cov is written as one (T, m, m) array: refused before any work when that is more than
   * a Java array holds (60,000 test rows overflowed an int at the very end).
   */
  private static void requireWritableCovariances(long m, long times) {
    if (times * m * m > MAX_OUTPUT_ARRAY) {
      throw new InvalidInputException(String.format(Locale.ROOT, "--out-cov would write %d"
          + " covariance matrices of (%d, %d), %d entries, more than one output array holds"
          + " (%d): use at most %d test rows (or fewer times) with --out-cov, or drop it",
          times, m, m, times * m * m, MAX_OUTPUT_ARRAY,
          (long) Math.sqrt((double) MAX_OUTPUT_ARRAY / times)));
    }
  }

  /** The most entries of a Java array, as {@link #stack} builds one per output. */
  private static final long MAX_OUTPUT_ARRAY = Integer.MAX_VALUE - 8;

  /** Refuses outputs (one matrix per time; null: not computed) that float32 cannot hold. */
  private static void requireFloat32(String what, List<Matrix> outputs, List<String> labels) {
    for (int t = 0; outputs != null && t < outputs.size(); t++) {
      Matrix m = outputs.get(t);
      for (int i = 0; i < m.rows(); i++) {
        for (int j = 0; j < m.cols(); j++) {
          double v = m.get(i, j);
          if (!(Math.abs(v) <= Float.MAX_VALUE)) {
            throw new InvalidInputException("the " + what + " reach " + v + " at "
                + labels.get(t) + ", beyond float32's range: use --precision float64 (or, if"
                + " gradient descent diverges, a smaller learning rate)");
          }
        }
      }
    }
  }

  /** T matrices of one shape as a (T, rows, cols) array. */
  static NpyArray stack(List<Matrix> ms) {
    int rows = ms.get(0).rows();
    int cols = ms.get(0).cols();
    double[] data = new double[Math.multiplyExact(ms.size(), Math.multiplyExact(rows, cols))];
    for (int t = 0; t < ms.size(); t++) {
      System.arraycopy(ms.get(t).toDoubleArray(), 0, data, t * rows * cols, rows * cols);
    }
    return new NpyArray(new long[] {ms.size(), rows, cols}, data);
  }
}
