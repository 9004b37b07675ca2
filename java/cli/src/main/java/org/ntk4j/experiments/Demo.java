package org.ntk4j.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.empirical.CenteredModel;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.empirical.Loss;
import org.ntk4j.empirical.Model;
import org.ntk4j.empirical.Optimizer;
import org.ntk4j.empirical.Params;
import org.ntk4j.empirical.Trainer;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.Metrics;
import org.ntk4j.predict.PredictionKernels;
import org.ntk4j.predict.PredictionResults;
import org.ntk4j.predict.PredictionSpec;
import org.ntk4j.predict.Predictor;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;

/**
 * The library end to end on the shipped digits: the NNGP and NTK of a ReLU network from the Java
 * oracle, the test accuracy of the infinitely wide network trained by gradient descent (all
 * layers: NTK; readout only: NNGP) after several numbers of steps and at convergence, and one
 * finite network of the same architecture trained beside them with the same learning rate. The
 * network's outputs are centered at initialization ({@link CenteredModel}), so it is compared
 * with the infinite networks' mean prediction rather than carrying its own random f₀.
 */
public final class Demo {

  /**
   * @param width hidden width of the finite network (the kernels are its infinite-width limit)
   * @param steps the step counts to report, ascending; the last is how long the network trains
   */
  public record Config(int train, int test, int depth, int width, long[] steps,
      double rateFraction, long seed) {
    public Config {
      if (steps.length == 0 || depth < 1 || width < 1 || train < 2 || test < 1) {
        throw new InvalidInputException("demo needs steps, depth >= 1, width >= 1, train >= 2"
            + " and test >= 1");
      }
      for (int i = 1; i < steps.length; i++) {
        if (steps[i] <= steps[i - 1]) {
          throw new InvalidInputException("demo steps must increase: " + Arrays.toString(steps));
        }
      }
    }

    public static Config defaults() {
      return new Config(1000, 797, 2, 256, new long[] {0, 1, 3, 10, 30, 100, 300}, 0.5, 0);
    }
  }

  /**
   * Test accuracies per reported step; the last entry of the kernel columns is t = ∞.
   */
  public record Result(long[] steps, double[] ntkAccuracy, double[] nngpAccuracy,
      double[] networkAccuracy, double[] networkLoss, double learningRate, double seconds) {}

  private Demo() {}

  /** The default architecture with the given hidden width. */
  public static Architecture architecture(int width, int depth) {
    return Networks.mlp(width, depth, 10, Dense.Parameterization.NTK);
  }

  /**
   * Runs the demo with the kernels and their linear algebra on {@code backend} (the command
   * passes {@code --backend}, default auto).
   */
  public static Result run(Config c, KernelBackend backend, Path outDir, PrintWriter log,
      ProgressBar progress) {
    long start = System.nanoTime();
    TrainTestSplit split = ExperimentData.DIGITS.load(c.train(), c.test(), c.seed());
    Matrix x = split.xTrain();
    Matrix y = split.yTrain();
    Matrix xTest = split.xTest();
    Matrix yTest = split.yTest();
    Architecture arch = architecture(c.width(), c.depth());
    log.println("architecture: " + arch.spec());
    log.println("data: UCI digits, " + x.rows() + " training and " + xTest.rows()
        + " test examples, pixels standardized");

    progress.note("kernels on " + backend.name());
    PredictionKernels kernels = PredictionKernels.compute(backend, arch, x, xTest,
        new PredictionSpec.KernelNeeds(true, true, true, null));
    double eta = Networks.rate(kernels.trainTrain().ntk(), (long) y.rows() * y.cols(),
        c.rateFraction());
    log.println(String.format(Locale.ROOT, "learning rate %.4g (%.2f of the largest stable "
        + "rate 2N/λmax)", eta, c.rateFraction()));

    progress.note("predictions");
    double[] ntk;
    double[] nngp;
    try (LinearAlgebra la = backend.linearAlgebra()) {
      ntk = accuracies(la, PredictionSpec.Kernel.NTK, kernels, y, yTest, eta, c.steps());
      nngp = accuracies(la, PredictionSpec.Kernel.NNGP, kernels, y, yTest, eta, c.steps());
    }

    double kernelSeconds = (System.nanoTime() - start) / 1e9;

    FiniteNetwork net = FiniteNetwork.of(arch, x.cols());
    Params theta0 = net.initialize(c.seed());
    Model model = new CenteredModel(Model.of(net), theta0);
    double[] networkAccuracy = new double[c.steps().length];
    double[] networkLoss = new double[c.steps().length];
    long last = c.steps()[c.steps().length - 1];
    new Trainer(model, Loss.MSE, Optimizer.gradientDescent(eta)).train(theta0, x, y,
        (int) last, (step, theta) -> {
          int i = Arrays.binarySearch(c.steps(), step);
          if (i >= 0) {
            networkAccuracy[i] = Metrics.accuracy(model.apply(theta, xTest), yTest);
            networkLoss[i] = Loss.MSE.value(model.apply(theta, x), y);
          }
          progress.step(1, "training a network of width " + c.width() + ", step " + step);
        });
    log.println(String.format(Locale.ROOT, "kernels and predictions %.1f s, training %.1f s",
        kernelSeconds, (System.nanoTime() - start) / 1e9 - kernelSeconds));
    Result r = new Result(c.steps().clone(), ntk, nngp, networkAccuracy, networkLoss, eta,
        (System.nanoTime() - start) / 1e9);
    write(c, r, outDir);
    return r;
  }

  public static long work(Config c) {
    return c.steps()[c.steps().length - 1];
  }

  /** Test accuracy of the infinite network's mean prediction at every step and at t = ∞. */
  private static double[] accuracies(LinearAlgebra la, PredictionSpec.Kernel kernel,
      PredictionKernels kernels, Matrix y, Matrix yTest, double eta, long[] steps) {
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-6);
    PredictionSpec.Mode gd = PredictionSpec.Mode.GD;
    PredictionSpec.Loss mse = PredictionSpec.Loss.MSE;
    PredictionResults finite = new Predictor(new PredictionSpec(gd, kernel, mse,
        TrainingSchedule.steps(eta, steps), reg, false), la).predict(kernels, y);
    PredictionResults converged = new Predictor(new PredictionSpec(gd, kernel, mse,
        TrainingSchedule.continuous(eta, Double.POSITIVE_INFINITY), reg, false), la)
        .predict(kernels, y);
    double[] acc = new double[steps.length + 1];
    for (int i = 0; i < steps.length; i++) {
      acc[i] = Metrics.accuracy(finite.testMean().get(i), yTest);
    }
    acc[steps.length] = Metrics.accuracy(converged.testMean().get(0), yTest);
    return acc;
  }

  /** The table printed by {@code ntk4j demo}. */
  public static List<String> table(Result r) {
    List<String> lines = new ArrayList<>();
    lines.add("test accuracy after t steps of gradient descent");
    lines.add("      t   infinite NTK   infinite NNGP   finite network   (its train loss;"
        + " outputs centered at init)");
    for (int i = 0; i <= r.steps().length; i++) {
      boolean inf = i == r.steps().length;
      lines.add(String.format(Locale.ROOT, "%7s   %11.1f%%   %12.1f%%   %13s   %s",
          inf ? "inf" : Long.toString(r.steps()[i]), 100 * r.ntkAccuracy()[i],
          100 * r.nngpAccuracy()[i],
          inf ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * r.networkAccuracy()[i]),
          inf ? "" : String.format(Locale.ROOT, "%.4f", r.networkLoss()[i])));
    }
    return lines;
  }

  private static void write(Config c, Result r, Path outDir) {
    ResultTable t = new ResultTable("step", "ntk_accuracy", "nngp_accuracy",
        "network_accuracy", "network_train_loss");
    for (int i = 0; i < r.steps().length; i++) {
      t.add(r.steps()[i], r.ntkAccuracy()[i], r.nngpAccuracy()[i], r.networkAccuracy()[i],
          r.networkLoss()[i]);
    }
    t.add(Double.POSITIVE_INFINITY, r.ntkAccuracy()[r.steps().length],
        r.nngpAccuracy()[r.steps().length], Double.NaN, Double.NaN);
    t.write(outDir.resolve("demo.csv"));
    // Step 0 cannot sit on a log axis: the curves start at step 1 (steps shifted by one).
    double[] s = new double[r.steps().length];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.steps()[i] + 1;
    }
    double[] ends = {s[0], s[s.length - 1]};
    int inf = r.steps().length;
    Plot p = new Plot(String.format(Locale.ROOT, "Digits: %d train, %d test", c.train(),
        c.test()), "gradient descent steps + 1", "test accuracy").logX()
        .line("infinite network (NTK)", s, Arrays.copyOf(r.ntkAccuracy(), inf))
        .line("infinite network, readout only (NNGP)", s, Arrays.copyOf(r.nngpAccuracy(), inf))
        .line("finite network, width " + c.width() + ", f - f0", s, r.networkAccuracy())
        .dashed("NTK, t = inf", ends, new double[] {r.ntkAccuracy()[inf], r.ntkAccuracy()[inf]})
        .dashed("NNGP, t = inf", ends,
            new double[] {r.nngpAccuracy()[inf], r.nngpAccuracy()[inf]});
    p.legendOutside();
    p.writePng(outDir.resolve("demo.png"));
  }
}
