package org.ntk4j.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.empirical.FiniteNetwork;
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
import org.ntk4j.predict.Gaussian;
import org.ntk4j.predict.GradientDescentMseEnsemble;
import org.ntk4j.predict.KernelKind;
import org.ntk4j.predict.KernelPair;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;

/**
 * An ensemble of independently initialized networks trained by gradient descent is a Gaussian
 * process whose mean and covariance follow the NTK closed form (Lee et al. 2019, eqs. 13–16):
 * the ensemble's mean and variance on test points, over training, against the infinite
 * ensemble's ({@link GradientDescentMseEnsemble}).
 */
public final class Ensemble {

  public record Config(ExperimentData data, int train, int test, int width, int depth,
      int members, int steps, double rateFraction, long seed) {
    public Config {
      if (members < 2 || steps < 1 || width < 1 || depth < 1 || train < 2 || test < 1) {
        throw new InvalidInputException("ensemble needs members >= 2, steps, width and depth"
            + " >= 1, train >= 2 and test >= 1");
      }
    }

    public static Config defaults(ExperimentData data) {
      return new Config(data, 64, 32, 512, 1, 48, 256, 0.5, 0);
    }
  }

  /**
   * @param table one row per checkpoint
   * @param meanError RMS difference of the ensemble and theory means at the last step
   * @param meanScale RMS of the theory mean at the last step
   * @param varianceRatio ensemble variance / theory variance at the last step (averaged over
   *     test points)
   */
  public record Result(ResultTable table, double meanError, double meanScale,
      double varianceRatio) {}

  private Ensemble() {}

  /** Runs the experiment, the infinite-width kernels on {@code backend}. */
  public static Result run(Config c, KernelBackend backend, Path outDir,
      ProgressBar progress) {
    TrainTestSplit split = c.data().load(c.train(), c.test(), c.seed());
    Matrix x = split.xTrain();
    Matrix y = split.yTrain();
    Matrix xTest = split.xTest();
    Architecture arch = Networks.mlp(c.width(), c.depth(), y.cols(), Dense.Parameterization.NTK);
    Kernels train = Networks.analytic(backend, arch, x, null);
    Kernels testTrain = Networks.analytic(backend, arch, xTest, x);
    Kernels testTest = Networks.analytic(backend, arch, xTest, null);
    double eta = Networks.rate(train.ntk(), y.rows() * y.cols(), c.rateFraction());
    long[] checkpoints = Checkpoints.upTo(c.steps());
    List<Gaussian> theory = new GradientDescentMseEnsemble(new JavaLinearAlgebra(),
        new KernelPair(train.nngp(), train.ntk()), y, DiagonalRegularizer.NONE)
        .test(KernelKind.NTK, TrainingSchedule.steps(eta, checkpoints),
            new KernelPair(testTrain.nngp(), testTrain.ntk()), testTest.nngp());

    int m = xTest.rows();
    int k = y.cols();
    double[][] sum = new double[checkpoints.length][m * k];
    double[][] squares = new double[checkpoints.length][m * k];
    FiniteNetwork net = FiniteNetwork.of(arch, x.cols());
    Model model = Model.of(net);
    for (int e = 0; e < c.members(); e++) {
      Params theta0 = net.initialize(c.seed() * 100_003 + e);
      String note = "network " + (e + 1) + " of " + c.members();
      new Trainer(model, Loss.MSE, Optimizer.gradientDescent(eta)).train(theta0, x, y,
          c.steps(), (step, theta) -> {
            int t = Checkpoints.indexOf(checkpoints, step);
            if (t >= 0) {
              double[] f = model.apply(theta, xTest).data();
              for (int i = 0; i < f.length; i++) {
                sum[t][i] += f[i];
                squares[t][i] += f[i] * f[i];
              }
            }
            progress.step(step == 0 ? 0 : 1, note);
          });
    }

    ResultTable table = new ResultTable("step", "theory_mean_rms", "mean_difference_rms",
        "theory_variance", "ensemble_variance");
    int members = c.members();
    double[] theoryVar = new double[checkpoints.length];
    double[] ensembleVar = new double[checkpoints.length];
    double[] meanDiff = new double[checkpoints.length];
    double[] meanScale = new double[checkpoints.length];
    for (int t = 0; t < checkpoints.length; t++) {
      Matrix mean = Matrix.zeros(m, k);
      double variance = 0;
      for (int i = 0; i < m * k; i++) {
        double mu = sum[t][i] / members;
        mean.data()[i] = mu;
        // Unbiased sample variance of output i, averaged over the k outputs and m points.
        variance += (squares[t][i] - members * mu * mu) / (members - 1) / (m * k);
      }
      Gaussian g = theory.get(t);
      double tv = 0;
      for (int i = 0; i < m; i++) {
        tv += g.covariance().get(i, i) / m;
      }
      meanDiff[t] = Networks.rms(mean, g.mean());
      meanScale[t] = Networks.rms(g.mean(), Matrix.zeros(m, k));
      theoryVar[t] = tv;
      ensembleVar[t] = variance;
      table.add(checkpoints[t], meanScale[t], meanDiff[t], tv, variance);
    }
    table.write(outDir.resolve("ensemble.csv"));
    int last = checkpoints.length - 1;
    double[] steps = Checkpoints.asDoubles(checkpoints);
    String title = String.format(Locale.ROOT, "%d networks of width %d (%s)", members,
        c.width(), c.data().cliName());
    Plot means = new Plot(title, "step", "test outputs (RMS)")
        .line("theory mean", steps, meanScale)
        .line("ensemble mean - theory mean", steps, meanDiff)
        .dashed("Monte Carlo error sqrt(variance / members)", steps,
            scaled(ensembleVar, 1.0 / members));
    Plot variances = new Plot("Variance over initializations", "step",
        "mean test output variance")
        .line("NTK theory", steps, theoryVar)
        .line("ensemble", steps, ensembleVar);
    Plot.writePng(outDir.resolve("ensemble.png"), List.of(means, variances));
    return new Result(table, meanDiff[last], meanScale[last], ensembleVar[last] / theoryVar[last]);
  }

  private static double[] scaled(double[] variance, double factor) {
    double[] out = new double[variance.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.sqrt(variance[i] * factor);
    }
    return out;
  }

  public static long work(Config c) {
    return (long) c.members() * c.steps();
  }

  public static List<String> summary(Result r) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "at the last step: RMS(ensemble mean - theory mean) "
        + "%.3e against RMS(theory mean) %.3e; ensemble/theory variance %.3f", r.meanError(),
        r.meanScale(), r.varianceRatio()));
    return lines;
  }
}
