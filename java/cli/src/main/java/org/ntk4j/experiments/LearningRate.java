package org.ntk4j.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.empirical.EmpiricalKernels;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.empirical.Loss;
import org.ntk4j.empirical.Model;
import org.ntk4j.empirical.Optimizer;
import org.ntk4j.empirical.Params;
import org.ntk4j.empirical.Trainer;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;

/**
 * The learning rate's phases (Lewkowycz et al. 2020): with the loss ‖f − y‖²/(2N), gradient
 * descent on the kernel dynamics is stable for η < 2N/λ₀. A wide network trained just above it
 * first blows up, then its NTK's top eigenvalue λ_t falls until ηλ_t/N < 2 and it converges
 * (catapult); far above it diverges. Loss and λ_t over steps for rates given in units of N/λ₀.
 * One output, targets ±1 (label below or above 4.5).
 */
public final class LearningRate {
  /** Loss above which a run counts as diverged and stops. */
  static final double DIVERGED = 1e8;

  public record Config(ExperimentData data, int train, int width, int steps, double[] rates,
      long seed) {
    public Config {
      if (rates.length < 1 || steps < 1 || width < 1 || train < 2) {
        throw new InvalidInputException("learning-rate needs at least one rate, steps and width"
            + " >= 1 and train >= 2");
      }
    }

    public static Config defaults(ExperimentData data) {
      return new Config(data, 128, 2048, 80, new double[] {1, 3, 6, 16}, 0);
    }
  }

  /**
   * @param finalLoss the last loss per rate (infinite when diverged)
   * @param lambdaStart λ₀ of the network; {@code lambdaEnd} the last λ_t per rate
   */
  public record Result(ResultTable table, double[] rates, double lambdaStart, double[] finalLoss,
      double[] lambdaEnd) {}

  private LearningRate() {}

  /** Runs the experiment, the infinite-width kernels on {@code backend}. */
  public static Result run(Config c, KernelBackend backend, Path outDir,
      ProgressBar progress) {
    TrainTestSplit split = c.data().load(c.train(), 0, c.seed());
    Matrix x = split.xTrain();
    Matrix y = binaryTargets(split.train().labels());
    Architecture arch = Networks.mlp(c.width(), 1, 1, Dense.Parameterization.NTK);
    FiniteNetwork net = FiniteNetwork.of(arch, x.cols());
    Params theta0 = net.initialize(c.seed());
    double lambda0 = topEigenvalue(net, theta0, x);
    int n = y.rows();
    ResultTable table = new ResultTable("rate_times_lambda0_over_n", "step", "loss",
        "lambda_top");
    List<double[]> losses = new ArrayList<>();
    List<double[]> lambdas = new ArrayList<>();
    double[] finalLoss = new double[c.rates().length];
    double[] lambdaEnd = new double[c.rates().length];
    Model model = Model.of(net);
    for (int r = 0; r < c.rates().length; r++) {
      double rate = c.rates()[r];
      double eta = rate * n / lambda0;
      Trainer oneStep = new Trainer(model, Loss.MSE, Optimizer.gradientDescent(eta));
      Params theta = theta0;
      List<Double> loss = new ArrayList<>();
      List<Double> lambda = new ArrayList<>();
      for (int step = 0; step <= c.steps(); step++) {
        if (step > 0) {
          theta = oneStep.train(theta, x, y, 1);
        }
        double l = Loss.MSE.value(model.apply(theta, x), y);
        if (!(l < DIVERGED)) {
          progress.step(c.steps() + 1 - step, "rate " + rate + ": diverged");
          break;
        }
        double top = topEigenvalue(net, theta, x);
        loss.add(l);
        lambda.add(top);
        table.add(rate, step, l, top);
        progress.step(1, String.format(Locale.ROOT, "rate %.3g N/λ0, step %d", rate, step));
      }
      boolean diverged = loss.size() < c.steps() + 1;
      finalLoss[r] = diverged ? Double.POSITIVE_INFINITY : loss.get(loss.size() - 1);
      lambdaEnd[r] = lambda.isEmpty() ? Double.NaN : lambda.get(lambda.size() - 1);
      losses.add(loss.stream().mapToDouble(Double::doubleValue).toArray());
      lambdas.add(lambda.stream().mapToDouble(Double::doubleValue).toArray());
    }
    table.write(outDir.resolve("learning-rate.csv"));
    writePlot(outDir.resolve("learning-rate.png"), c, losses, lambdas, lambda0);
    return new Result(table, c.rates().clone(), lambda0, finalLoss, lambdaEnd);
  }

  /** y = +1 for labels 0..4, −1 for 5..9. */
  static Matrix binaryTargets(int[] labels) {
    Matrix y = Matrix.zeros(labels.length, 1);
    for (int i = 0; i < labels.length; i++) {
      y.set(i, 0, labels[i] < 5 ? 1.0 : -1.0);
    }
    return y;
  }

  static double topEigenvalue(FiniteNetwork net, Params theta, Matrix x) {
    return new JavaLinearAlgebra().eigh(EmpiricalKernels.ntk(net, theta, x, null)).max();
  }

  private static void writePlot(Path file, Config c, List<double[]> losses,
      List<double[]> lambdas, double lambda0) {
    Plot loss = new Plot(String.format(Locale.ROOT, "Training loss, width %d (%s)", c.width(),
        c.data().cliName()), "step", "loss").logY();
    Plot lambda = new Plot("Top eigenvalue of the empirical NTK", "step", "λ_t · η / N")
        .logY();
    for (int r = 0; r < c.rates().length; r++) {
      double rate = c.rates()[r];
      String name = String.format(Locale.ROOT, "η = %.3g N/λ0%s", rate,
          losses.get(r).length < c.steps() + 1 ? " (diverged)" : "");
      double[] steps = new double[losses.get(r).length];
      double[] scaled = new double[lambdas.get(r).length];
      for (int i = 0; i < steps.length; i++) {
        steps[i] = i;
        scaled[i] = lambdas.get(r)[i] * rate / lambda0;
      }
      if (steps.length > 0) {
        loss.line(name, steps, losses.get(r));
        lambda.line(name, steps, scaled);
      }
    }
    double[] ends = {0, c.steps()};
    lambda.dashed("ηλ/N = 2 (stability edge)", ends, new double[] {2, 2});
    Plot.writePng(file, List.of(loss, lambda));
  }

  public static long work(Config c) {
    return (long) c.rates().length * (c.steps() + 1);
  }

  public static List<String> summary(Result r) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "λ0 = %.4g; rate (N/λ0)   final loss   final λ·η/N",
        r.lambdaStart()));
    for (int i = 0; i < r.rates().length; i++) {
      lines.add(String.format(Locale.ROOT, "  %8.3g   %12.4g   %10.4g", r.rates()[i],
          r.finalLoss()[i], r.lambdaEnd()[i] * r.rates()[i] / r.lambdaStart()));
    }
    return lines;
  }
}
