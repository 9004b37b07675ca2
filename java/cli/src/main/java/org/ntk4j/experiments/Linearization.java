package org.ntk4j.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.empirical.LinearizedNetwork;
import org.ntk4j.empirical.Loss;
import org.ntk4j.empirical.Model;
import org.ntk4j.empirical.Optimizer;
import org.ntk4j.empirical.Params;
import org.ntk4j.empirical.Trainer;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;

/**
 * Wide networks train like their linearization (Lee et al. 2019, Fig. 2 and 3): the outputs of
 * the network, of its first-order Taylor expansion around θ₀ trained by the same gradient
 * descent, and of the infinite-width NTK closed form started from the same f₀, along training,
 * on train and test points; their RMS differences against width.
 */
public final class Linearization {

  public record Config(ExperimentData data, int train, int test, int[] widths, int depth,
      int steps, double rateFraction, long seed) {
    public Config {
      if (widths.length < 2 || steps < 1 || depth < 1 || train < 2 || test < 1) {
        throw new InvalidInputException("linearization needs two or more widths, steps >= 1, "
            + "depth >= 1, train >= 2 and test >= 1");
      }
    }

    public static Config defaults(ExperimentData data) {
      return new Config(data, 128, 64, new int[] {64, 256, 1024, 4096}, 1, 256, 0.5, 0);
    }
  }

  /**
   * @param netLinGap RMS difference of network and linearization at the last step, per width:
   *     train then test, as {train, test}
   */
  public record Result(ResultTable table, double[][] netLinGap, double[][] netNtkGap,
      double netLinSlope) {}

  private Linearization() {}

  /** Runs the experiment, the infinite-width kernels on {@code backend}. */
  public static Result run(Config c, KernelBackend backend, Path outDir,
      ProgressBar progress) {
    TrainTestSplit split = c.data().load(c.train(), c.test(), c.seed());
    Matrix x = split.xTrain();
    Matrix y = split.yTrain();
    Matrix xTest = split.xTest();
    long[] checkpoints = Checkpoints.upTo(c.steps());
    ResultTable table = new ResultTable("width", "step", "rms_net_lin_train", "rms_net_lin_test",
        "rms_net_ntk_train", "rms_net_ntk_test", "rms_lin_ntk_train", "rms_lin_ntk_test",
        "loss_net", "loss_lin");
    int widths = c.widths().length;
    double[][] netLin = new double[widths][];
    double[][] netNtk = new double[widths][];
    List<double[]> trajectories = new ArrayList<>();
    for (int wi = 0; wi < widths; wi++) {
      int width = c.widths()[wi];
      Architecture arch = Networks.mlp(width, c.depth(), y.cols(), Dense.Parameterization.NTK);
      Kernels train = Networks.analytic(backend, arch, x, null);
      Kernels testTrain = Networks.analytic(backend, arch, xTest, x);
      double eta = Networks.rate(train.ntk(), y.rows() * y.cols(), c.rateFraction());
      FiniteNetwork net = FiniteNetwork.of(arch, x.cols());
      Params theta0 = net.initialize(c.seed() * 1000 + wi);
      Optimizer gd = Optimizer.gradientDescent(eta);
      String note = "width " + width;
      Outputs network = record(Model.of(net), gd, theta0, x, y, xTest, checkpoints, progress,
          width, note + ", network");
      Outputs linear = record(new LinearizedNetwork(net, theta0), gd, theta0, x, y, xTest,
          checkpoints, progress, width, note + ", linearization");
      Prediction ntk = new GradientDescentMse(new JavaLinearAlgebra(), train.ntk(), y,
          DiagonalRegularizer.NONE).predict(TrainingSchedule.steps(eta, checkpoints),
              network.train.get(0), testTrain.ntk(), network.test.get(0));
      for (int t = 0; t < checkpoints.length; t++) {
        table.add(width, checkpoints[t],
            Networks.rms(network.train.get(t), linear.train.get(t)),
            Networks.rms(network.test.get(t), linear.test.get(t)),
            Networks.rms(network.train.get(t), ntk.train().get(t)),
            Networks.rms(network.test.get(t), ntk.test().get(t)),
            Networks.rms(linear.train.get(t), ntk.train().get(t)),
            Networks.rms(linear.test.get(t), ntk.test().get(t)),
            Loss.MSE.value(network.train.get(t), y), Loss.MSE.value(linear.train.get(t), y));
      }
      int last = checkpoints.length - 1;
      netLin[wi] = new double[] {Networks.rms(network.train.get(last), linear.train.get(last)),
          Networks.rms(network.test.get(last), linear.test.get(last))};
      netNtk[wi] = new double[] {Networks.rms(network.train.get(last), ntk.train().get(last)),
          Networks.rms(network.test.get(last), ntk.test().get(last))};
      trajectories.add(trajectory(network.test));
      trajectories.add(trajectory(linear.test));
      trajectories.add(trajectory(ntk.test()));
    }
    double[] w = Networks.toDoubles(c.widths());
    double[] testGap = column(netLin, 1);
    Result r = new Result(table, netLin, netNtk, Networks.logLogSlope(w, testGap));
    table.write(outDir.resolve("linearization.csv"));
    Plot.writePng(outDir.resolve("linearization.png"),
        List.of(gapPlot(c, w, netLin, netNtk), trajectoryPlot(c, checkpoints, trajectories)));
    return r;
  }

  public static long work(Config c) {
    long total = 0;
    for (int w : c.widths()) {
      total += 2L * w * c.steps();
    }
    return total;
  }

  /** Outputs at every checkpoint, train and test. */
  private record Outputs(List<Matrix> train, List<Matrix> test) {}

  private static Outputs record(Model model, Optimizer gd, Params theta0, Matrix x, Matrix y,
      Matrix xTest, long[] checkpoints, ProgressBar progress, int width, String note) {
    Outputs out = new Outputs(new ArrayList<>(), new ArrayList<>());
    progress.note(note);
    new Trainer(model, Loss.MSE, gd).train(theta0, x, y, (int) checkpoints[checkpoints.length
        - 1], (step, theta) -> {
          if (Checkpoints.indexOf(checkpoints, step) >= 0) {
            out.train.add(model.apply(theta, x));
            out.test.add(model.apply(theta, xTest));
          }
          progress.step(step == 0 ? 0 : width, note);
        });
    return out;
  }

  /** Output 0 of test point 0 at every checkpoint. */
  private static double[] trajectory(List<Matrix> outputs) {
    return outputs.stream().mapToDouble(m -> m.get(0, 0)).toArray();
  }

  private static double[] column(double[][] v, int c) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i][c];
    }
    return out;
  }

  private static Plot gapPlot(Config c, double[] w, double[][] netLin, double[][] netNtk) {
    return new Plot(String.format(Locale.ROOT, "After %d GD steps (%s)", c.steps(),
        c.data().cliName()), "width", "RMS output difference").logX().logY()
        .line("network - linearized, train", w, column(netLin, 0))
        .line("network - linearized, test", w, column(netLin, 1))
        .line("network - NTK closed form, train", w, column(netNtk, 0))
        .line("network - NTK closed form, test", w, column(netNtk, 1));
  }

  private static Plot trajectoryPlot(Config c, long[] checkpoints, List<double[]> t) {
    double[] steps = Checkpoints.asDoubles(checkpoints);
    int last = c.widths().length - 1;
    int narrowest = c.widths()[0];
    int widest = c.widths()[last];
    return new Plot("A test output during training", "step", "f(x_test)[0]")
        .line("network, width " + narrowest, steps, t.get(0))
        .dashed("linearized, width " + narrowest, steps, t.get(1))
        .line("network, width " + widest, steps, t.get(3 * last))
        .dashed("linearized, width " + widest, steps, t.get(3 * last + 1))
        .dashed("NTK closed form, width " + widest + " f0", steps, t.get(3 * last + 2));
  }

  public static List<String> summary(Config c, Result r) {
    List<String> lines = new ArrayList<>();
    lines.add("width   RMS(net-lin) train  test    RMS(net-NTK) train  test");
    for (int i = 0; i < c.widths().length; i++) {
      lines.add(String.format(Locale.ROOT, "%6d   %10.3e  %10.3e    %10.3e  %10.3e",
          c.widths()[i], r.netLinGap()[i][0], r.netLinGap()[i][1], r.netNtkGap()[i][0],
          r.netNtkGap()[i][1]));
    }
    lines.add(String.format(Locale.ROOT, "log-log slope of the test gap against width: %.3f",
        r.netLinSlope()));
    return lines;
  }
}
