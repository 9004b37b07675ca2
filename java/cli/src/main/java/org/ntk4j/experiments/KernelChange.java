package org.ntk4j.experiments;

import java.nio.file.Path;
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
import org.ntk4j.linalg.Matrix;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;

/**
 * How much training moves a network away from its initialization, against width (Lee et al.
 * 2019, Fig. 1; Jacot et al. 2018): after a fixed number of gradient descent steps, the relative
 * Frobenius changes ‖Θ_T − Θ₀‖/‖Θ₀‖ of the empirical NTK, of the empirical NNGP and
 * ‖θ_T − θ₀‖/‖θ₀‖ of the parameters, with log-log slopes fitted against width.
 *
 * <p>Lee et al.'s bound is O(1/√n) for all three. For one hidden layer ‖θ₀‖ ∝ √n and the
 * parameters follow −½; the kernels' leading change is O(1/n) (Dyer &amp; Gur-Ari 2019: first-order
 * terms carry the random sign of the readout weights and cancel), which the measurements show.
 */
public final class KernelChange {

  public record Config(ExperimentData data, int train, int[] widths, int depth, int steps,
      StepSize rate, int seeds, Dense.Parameterization parameterization, long seed) {
    public Config {
      if (widths.length < 2) {
        throw new InvalidInputException("give at least two widths to fit a slope");
      }
      if (steps < 1 || seeds < 1 || depth < 1 || train < 2) {
        throw new InvalidInputException("steps, seeds and depth must be >= 1 and train >= 2");
      }
    }

    public static Config defaults(ExperimentData data) {
      return new Config(data, 128, new int[] {64, 128, 256, 512, 1024, 2048, 4096}, 1, 200,
          StepSize.ofCritical(0.5), 2, Dense.Parameterization.NTK, 0);
    }
  }

  /** The per-run table and the fitted slopes of the mean relative changes against width. */
  public record Result(ResultTable table, double ntkSlope, double nngpSlope,
      double parameterSlope) {}

  private KernelChange() {}

  /** Runs the experiment, the infinite-width kernels on {@code backend}. */
  public static Result run(Config c, KernelBackend backend, Path outDir,
      ProgressBar progress) {
    TrainTestSplit split = c.data().load(c.train(), 0, c.seed());
    Matrix x = split.xTrain();
    Matrix y = split.yTrain();
    ResultTable table = new ResultTable("width", "seed", "ntk_change", "nngp_change",
        "param_change", "loss_initial", "loss_final", "learning_rate");
    double[] meanNtk = new double[c.widths().length];
    double[] meanNngp = new double[c.widths().length];
    double[] meanParams = new double[c.widths().length];
    for (int wi = 0; wi < c.widths().length; wi++) {
      int width = c.widths()[wi];
      Architecture arch = Networks.mlp(width, c.depth(), y.cols(), c.parameterization());
      double eta = c.rate().resolve(() -> Networks.analytic(backend, arch, x, null).ntk(),
          (long) y.rows() * y.cols());
      FiniteNetwork net = FiniteNetwork.of(arch, x.cols());
      for (int s = 0; s < c.seeds(); s++) {
        String note = "width " + width + ", seed " + s;
        progress.note(note);
        Params theta0 = net.initialize(c.seed() * 1000 + s);
        Matrix ntk0 = EmpiricalKernels.ntk(net, theta0, x, null);
        Matrix nngp0 = EmpiricalKernels.nngp(net, theta0, x, null);
        Model model = Model.of(net);
        Params thetaT = new Trainer(model, Loss.MSE, Optimizer.gradientDescent(eta))
            .train(theta0, x, y, c.steps(), (step, t) -> progress.step(step == 0 ? 0 : width,
                note));
        double ntkChange = EmpiricalKernels.ntk(net, thetaT, x, null).relativeError(ntk0);
        double nngpChange = EmpiricalKernels.nngp(net, thetaT, x, null).relativeError(nngp0);
        double paramChange = thetaT.minus(theta0).norm() / theta0.norm();
        table.add(width, s, ntkChange, nngpChange, paramChange,
            Loss.MSE.value(model.apply(theta0, x), y), Loss.MSE.value(model.apply(thetaT, x), y),
            eta);
        meanNtk[wi] += ntkChange / c.seeds();
        meanNngp[wi] += nngpChange / c.seeds();
        meanParams[wi] += paramChange / c.seeds();
      }
    }
    double[] w = Networks.toDoubles(c.widths());
    Result r = new Result(table, Networks.logLogSlope(w, meanNtk),
        Networks.logLogSlope(w, meanNngp), Networks.logLogSlope(w, meanParams));
    table.write(outDir.resolve("kernel-change.csv"));
    plot(c, w, meanNtk, meanNngp, meanParams, r).writePng(outDir.resolve("kernel-change.png"));
    return r;
  }

  /** Total progress units: steps × width summed over widths and seeds. */
  public static long work(Config c) {
    long total = 0;
    for (int w : c.widths()) {
      total += (long) w * c.steps() * c.seeds();
    }
    return total;
  }

  private static Plot plot(Config c, double[] w, double[] ntk, double[] nngp, double[] params,
      Result r) {
    double[] reference = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      reference[i] = ntk[0] * Math.sqrt(w[0] / w[i]);
    }
    return new Plot(String.format(Locale.ROOT, "Change after %d GD steps (%s, %s param.)",
        c.steps(), c.data().cliName(), c.parameterization().specName()), "width",
        "relative change")
        .logX().logY()
        .line(String.format(Locale.ROOT, "NTK  (slope %.2f)", r.ntkSlope()), w, ntk)
        .line(String.format(Locale.ROOT, "NNGP (slope %.2f)", r.nngpSlope()), w, nngp)
        .line(String.format(Locale.ROOT, "params (slope %.2f)", r.parameterSlope()), w, params)
        .dashed("width^-1/2", w, reference)
        .dashed("width^-1", w, inverse(w, ntk[0]));
  }

  private static double[] inverse(double[] w, double start) {
    double[] r = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      r[i] = start * w[0] / w[i];
    }
    return r;
  }

  /** The fitted slopes, for the console. */
  public static List<String> summary(Result r) {
    return List.of(String.format(Locale.ROOT,
        "fitted log-log slopes against width: NTK %.3f, NNGP %.3f, parameters %.3f",
        r.ntkSlope(), r.nngpSlope(), r.parameterSlope()));
  }
}
