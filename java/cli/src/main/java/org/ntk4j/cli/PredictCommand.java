package org.ntk4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntk4j.InvalidInputException;
import org.ntk4j.backend.Backends;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.CrossEntropyDynamics;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.Gaussian;
import org.ntk4j.predict.GpInference;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.GradientDescentMseEnsemble;
import org.ntk4j.predict.KernelKind;
import org.ntk4j.predict.KernelPair;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.stax.Architecture;
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

  @Option(names = "--arch", paramLabel = "SPEC",
      description = "the architecture (as for 'ntk4j kernel'); or give --k-train instead")
  String arch;

  @Option(names = "--x-train", paramLabel = "FILE", description = "training inputs (n, d)")
  String xTrain;

  @Option(names = "--y-train", required = true, paramLabel = "FILE",
      description = "training targets (n, k) or (n,), e.g. one-hot labels")
  String yTrain;

  @Option(names = "--x-test", paramLabel = "FILE", description = "test inputs (m, d)")
  String xTest;

  @Option(names = "--y-test", paramLabel = "FILE",
      description = "test targets (m, k), for the table's test MSE and accuracy")
  String yTest;

  @Option(names = "--k-train", paramLabel = "FILE",
      description = "precomputed train-train kernel (n, n) of --kernel, instead of --arch")
  String kTrain;

  @Option(names = "--k-test-train", paramLabel = "FILE",
      description = "precomputed test-train kernel (m, n) of --kernel")
  String kTestTrain;

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
  String kernel;

  @Option(names = "--mode", defaultValue = "gd", paramLabel = "M",
      description = "gd (one network started at f0 = 0, i.e. the ensemble mean), ensemble (mean "
          + "and covariance over initializations), gp (posterior, t = inf). "
          + "Default: ${DEFAULT-VALUE}")
  String mode;

  @Option(names = "--loss", defaultValue = "mse", paramLabel = "L",
      description = "mse (closed form) or xent (softmax cross-entropy, adaptive ODE solver; "
          + "--mode gd, finite --t). Default: ${DEFAULT-VALUE}")
  String loss;

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

  @Mixin BackendMixin backendOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String modeName = choice(mode, "--mode", "gd", "ensemble", "gp");
    String kernelName = choice(kernel, "--kernel", "ntk", "nngp", "ntkgp");
    String lossName = choice(loss, "--loss", "mse", "xent");
    checkCombinations(modeName, kernelName, lossName);
    TrainingSchedule schedule = schedule(modeName);
    checkOutputs();
    DiagonalRegularizer regularizer = DiagonalRegularizer.relative(diagReg);

    Matrix y = InputMatrices.load(yTrain, "y_train");
    Matrix yt = yTest == null ? null : InputMatrices.load(yTest, "y_test");
    boolean covariance = outCov != null;
    KernelKind kind = kernelName.equals("nngp") ? KernelKind.NNGP : KernelKind.NTK;
    PredictionResults results;
    int nTest;
    try (KernelBackend backend = backendOptions.open(Backends.standard());
        LinearAlgebra la = backend.linearAlgebra()) {
      PredictKernels kernels = kTrain != null ? loadKernels(kind, y) : computeKernels(backend, y,
          covariance, kernelName.equals("ntkgp"));
      nTest = kernels.testRows();
      if (yt != null) {
        requireTestTargets(yt, y, nTest);
      }
      results = switch (modeName) {
        case "gd" -> lossName.equals("mse") ? gradientDescent(la, kind, kernels, y, schedule,
            regularizer) : crossEntropy(la, kind, kernels, y, schedule);
        case "ensemble" -> ensemble(la, kind, kernels, y, schedule, regularizer, covariance);
        default -> gp(la, kernelName, kernels, y, regularizer, covariance, out);
      };
    }
    PredictionTable table = PredictionTable.of(results, y, yt);
    out.print(table.format());
    List<String> written = write(results, table, schedule);
    out.println(String.format(Locale.ROOT, "predict: --mode %s --kernel %s --loss %s, %d train,"
        + " %d test, %d outputs, %d time%s; %s", modeName, kernelName, lossName, y.rows(), nTest,
        y.cols(), results.labels().size(), results.labels().size() == 1 ? "" : "s",
        written.isEmpty() ? "nothing written" : "wrote " + String.join(", ", written)));
    out.flush();
    return 0;
  }

  private static String choice(String value, String option, String... allowed) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(v)) {
      throw new InvalidInputException(option + " '" + value + "' is not one of "
          + String.join(", ", allowed));
    }
    return v;
  }

  private void checkCombinations(String modeName, String kernelName, String lossName) {
    if (kernelName.equals("ntkgp") && !modeName.equals("gp")) {
      throw new InvalidInputException("--kernel ntkgp is a GP posterior: use it with --mode gp");
    }
    if (lossName.equals("xent") && !modeName.equals("gd")) {
      throw new InvalidInputException("--loss xent has no closed-form ensemble or posterior:"
          + " use it with --mode gd");
    }
    if (lossName.equals("xent") && steps != null) {
      throw new InvalidInputException("--loss xent integrates gradient flow: give --t, not"
          + " --steps");
    }
    if (modeName.equals("gp") && steps != null) {
      throw new InvalidInputException("--mode gp is the t = inf posterior: drop --steps or use"
          + " --mode gd or ensemble");
    }
    if (times != null && steps != null) {
      throw new InvalidInputException("give either --t (gradient flow) or --steps (discrete"
          + " gradient descent), not both");
    }
    if (outCov != null && modeName.equals("gd")) {
      throw new InvalidInputException("--out-cov needs --mode ensemble or gp (--mode gd"
          + " predicts one network, which has no covariance)");
    }
    boolean precomputed = kTrain != null || kTestTrain != null;
    if (precomputed && (arch != null || xTrain != null || xTest != null)) {
      throw new InvalidInputException("give either --arch with --x-train/--x-test or the"
          + " precomputed --k-train/--k-test-train, not both");
    }
    if (precomputed && kTrain == null) {
      throw new InvalidInputException("--k-test-train needs --k-train as well");
    }
    if (!precomputed && (arch == null || xTrain == null)) {
      throw new InvalidInputException("give --arch and --x-train (or precomputed --k-train)");
    }
    if (precomputed && outCov != null) {
      throw new InvalidInputException("--out-cov needs the test-test kernel: compute the"
          + " kernels from --arch and --x-test instead of --k-train");
    }
    boolean hasTest = xTest != null || kTestTrain != null;
    if (!hasTest && (outMean != null || outCov != null || yTest != null)) {
      throw new InvalidInputException("--out-mean, --out-cov and --y-test need a test set:"
          + " give --x-test (or --k-test-train)");
    }
    if (modeName.equals("gp") && !hasTest) {
      throw new InvalidInputException("--mode gp predicts a test set: give --x-test (or"
          + " --k-test-train)");
    }
  }

  private TrainingSchedule schedule(String modeName) {
    if (steps != null) {
      return TrainingSchedule.steps(learningRate, TimeList.parseSteps(steps, "--steps"));
    }
    double[] t = TimeList.parseTimes(times == null ? "inf" : times, "--t");
    if (modeName.equals("gp")) {
      for (double v : t) {
        if (!Double.isInfinite(v)) {
          throw new InvalidInputException("--mode gp is the t = inf posterior: drop --t or"
              + " use --mode ensemble for finite times");
        }
      }
      t = new double[] {Double.POSITIVE_INFINITY};
    }
    return TrainingSchedule.continuous(learningRate, t);
  }

  /** Fails before any work if an output cannot be written where asked. */
  private void checkOutputs() {
    OutputFiles.check(new String[] {"--out-mean", "--out-cov", "--out-train", "--plot"},
        outMean, outCov, outTrain, plot);
  }

  private PredictKernels loadKernels(KernelKind kind, Matrix y) throws Exception {
    Matrix k = InputMatrices.load(kTrain, "K_train");
    Matrix kt = kTestTrain == null ? null : InputMatrices.load(kTestTrain, "K_test_train");
    PredictKernels.requireShapes(k, InputMatrices.label(kTrain, "K_train"), kt,
        kTestTrain == null ? null : InputMatrices.label(kTestTrain, "K_test_train"), y,
        InputMatrices.label(yTrain, "y_train"));
    return new PredictKernels(pair(kind, k), kt == null ? null : pair(kind, kt), null);
  }

  private static KernelPair pair(KernelKind kind, Matrix m) {
    return kind == KernelKind.NNGP ? new KernelPair(m, null) : new KernelPair(null, m);
  }

  private PredictKernels computeKernels(KernelBackend backend, Matrix y, boolean covariance,
      boolean ntkPrior) throws Exception {
    Architecture architecture = Architecture.parse(arch);
    Matrix x = InputMatrices.load(xTrain, "X_train");
    String xLabel = InputMatrices.label(xTrain, "X_train");
    if (x.rows() != y.rows()) {
      throw new InvalidInputException(xLabel + " has shape " + x.shape() + " but "
          + InputMatrices.label(yTrain, "y_train") + " has shape " + y.shape()
          + ": they need the same number of rows (examples)");
    }
    Matrix xt = null;
    if (xTest != null) {
      xt = InputMatrices.load(xTest, "X_test");
      InputMatrices.requireSameWidth(x, xLabel, xt, InputMatrices.label(xTest, "X_test"));
    }
    architecture.output(x.cols());
    Kernels train = backend.compute(KernelRequest.symmetric(architecture, x));
    Kernels testTrain = xt == null ? null
        : backend.compute(KernelRequest.of(architecture, xt, x));
    Kernels testTest = covariance ? backend.compute(KernelRequest.symmetric(architecture, xt))
        : null;
    return new PredictKernels(new KernelPair(train.nngp(), train.ntk()),
        testTrain == null ? null : new KernelPair(testTrain.nngp(), testTrain.ntk()),
        testTest == null ? null : new KernelPair(ntkPrior ? null : testTest.nngp(),
            ntkPrior ? testTest.ntk() : null));
  }

  private void requireTestTargets(Matrix yt, Matrix y, int nTest) {
    String label = InputMatrices.label(yTest, "y_test");
    if (yt.rows() != nTest) {
      throw new InvalidInputException(label + " has shape " + yt.shape() + " but the test set"
          + " has " + nTest + " examples (" + (xTest != null ? InputMatrices.label(xTest,
          "X_test") : InputMatrices.label(kTestTrain, "K_test_train")) + ")");
    }
    if (yt.cols() != y.cols()) {
      throw new InvalidInputException(label + " has shape " + yt.shape() + " but "
          + InputMatrices.label(yTrain, "y_train") + " has shape " + y.shape()
          + ": they need the same number of outputs (columns)");
    }
  }

  private static List<String> labels(TrainingSchedule s) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      out.add(s.label(i));
    }
    return out;
  }

  private static PredictionResults gradientDescent(LinearAlgebra la, KernelKind kind,
      PredictKernels k, Matrix y, TrainingSchedule s, DiagonalRegularizer reg) {
    Matrix kTest = k.testTrain() == null ? null : k.testTrain().get(kind, "test-train");
    Prediction p = new GradientDescentMse(la, k.trainTrain().get(kind, "train-train"), y, reg)
        .predict(s, null, kTest, null);
    return new PredictionResults(labels(s), s.points(), p.train(), p.test(), null);
  }

  private static PredictionResults crossEntropy(LinearAlgebra la, KernelKind kind,
      PredictKernels k, Matrix y, TrainingSchedule s) {
    Matrix kTest = k.testTrain() == null ? null : k.testTrain().get(kind, "test-train");
    Prediction p = new CrossEntropyDynamics(la, k.trainTrain().get(kind, "train-train"), y,
        s.learningRate(), null, 1e-9, 1e-12).predict(s.points(), null, kTest, null);
    return new PredictionResults(labels(s), s.points(), p.train(), p.test(), null);
  }

  private static PredictionResults ensemble(LinearAlgebra la, KernelKind kind, PredictKernels k,
      Matrix y, TrainingSchedule s, DiagonalRegularizer reg, boolean covariance) {
    GradientDescentMseEnsemble e = new GradientDescentMseEnsemble(la, k.trainTrain(), y, reg);
    List<Matrix> train = means(e.train(kind, s, false));
    List<Matrix> mean = null;
    List<Matrix> cov = null;
    if (k.testTrain() != null) {
      List<Gaussian> g = e.test(kind, s, k.testTrain(),
          covariance ? k.testTest().nngp() : null);
      mean = means(g);
      cov = covariance ? g.stream().map(Gaussian::covariance).toList() : null;
    }
    return new PredictionResults(labels(s), s.points(), train, mean, cov);
  }

  private static PredictionResults gp(LinearAlgebra la, String kernelName, PredictKernels k,
      Matrix y, DiagonalRegularizer reg, boolean covariance, PrintWriter out) {
    GpInference gp = new GpInference(la, k.trainTrain(), y, reg);
    GpInference.Mode m = GpInference.Mode.valueOf(kernelName.toUpperCase(Locale.ROOT));
    Gaussian g = gp.posterior(m, k.testTrain(), covariance ? k.testTest() : null);
    if (m == GpInference.Mode.NNGP) {
      out.println(String.format(Locale.ROOT, "NNGP log marginal likelihood: %.6f",
          gp.nngpLogMarginalLikelihood()));
    }
    return new PredictionResults(List.of("t=inf"), new double[] {Double.POSITIVE_INFINITY},
        List.of(y), List.of(g.mean()), covariance ? List.of(g.covariance()) : null);
  }

  private static List<Matrix> means(List<Gaussian> g) {
    return g.stream().map(Gaussian::mean).toList();
  }

  /** Prepares every output in a temporary file, then renames them all. */
  private List<String> write(PredictionResults r, PredictionTable table, TrainingSchedule s)
      throws Exception {
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
            PredictionPlot.writer(table, s.isDiscrete() ? "steps" : "t")));
      }
      return batch.commit();
    }
  }

  /** T matrices of one shape as a (T, rows, cols) array. */
  static NpyArray stack(List<Matrix> ms) {
    int rows = ms.get(0).rows();
    int cols = ms.get(0).cols();
    double[] data = new double[Math.multiplyExact(ms.size(), rows * cols)];
    for (int t = 0; t < ms.size(); t++) {
      System.arraycopy(ms.get(t).data(), 0, data, t * rows * cols, rows * cols);
    }
    return new NpyArray(new long[] {ms.size(), rows, cols}, data);
  }
}
