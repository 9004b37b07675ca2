package org.ntk4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ntk4j.backend.Backends;
import org.ntk4j.experiments.Ensemble;
import org.ntk4j.experiments.ExperimentData;
import org.ntk4j.experiments.KernelChange;
import org.ntk4j.experiments.LearningRate;
import org.ntk4j.experiments.Linearization;
import org.ntk4j.experiments.StepSize;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.stax.Dense;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ntk4j experiment NAME}: the seed paper's claims as experiments on finite networks, each
 * writing NAME.csv and NAME.png into {@code --out}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Trains finite networks and checks the infinite-width theory; each experiment "
        + "writes NAME.csv and NAME.png into --out and prints a summary.",
    subcommands = {ExperimentCommand.KernelChangeCommand.class,
        ExperimentCommand.LinearizationCommand.class, ExperimentCommand.EnsembleCommand.class,
        ExperimentCommand.LearningRateCommand.class})
public final class ExperimentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every experiment takes. */
  static final class Common {
    @Option(names = "--data", defaultValue = "digits", paramLabel = "NAME",
        description = "digits (shipped) or fashion-mnist (Debian's "
            + "dataset-fashion-mnist) (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--out", defaultValue = "experiments", paramLabel = "DIR",
        description = "directory for the CSV and PNG (created; default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the data split and "
        + "initializations (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    ExperimentData dataSet() {
      return ExperimentData.parse(data);
    }

    Path outDir() {
      return OutputFiles.createDirectory("--out", out);
    }

    /**
     * Runs experiment {@code name} under a progress bar of {@code work} steps, then prints its
     * summary and the files it wrote.
     */
    <R> int run(CommandSpec spec, String name, long work, BackendMixin backendOptions,
        BiFunction<KernelBackend, ProgressBar, R> experiment, Function<R, List<String>> summary) {
      R result;
      try (KernelBackend backend = backendOptions.open(Backends.standard());
          ProgressBar bar = quiet ? ProgressBar.quiet()
              : ProgressBar.onStderr(spec.commandLine().getErr(), name, "", work)) {
        result = experiment.apply(backend, bar);
      }
      PrintWriter printer = spec.commandLine().getOut();
      summary.apply(result).forEach(printer::println);
      printer.println("wrote " + out.resolve(name + ".csv") + " and "
          + out.resolve(name + ".png"));
      return 0;
    }
  }

  @Command(name = "kernel-change", mixinStandardHelpOptions = true,
      description = "Relative change of the empirical NTK, NNGP and parameters after training,"
          + " against width, with fitted log-log slopes.")
  static final class KernelChangeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;
    @Mixin BackendMixin backendOptions;

    @Option(names = "--widths", split = ",", paramLabel = "W,W,...",
        defaultValue = "64,128,256,512,1024,2048,4096", description = "hidden widths (default: ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--depth", defaultValue = "1", description = "hidden layers (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--train", defaultValue = "128", description = "training examples (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--steps", defaultValue = "200", description = "gradient descent steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seeds", defaultValue = "2", description = "initializations per width (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--rate", defaultValue = "0.5",
        description = "learning rate as a fraction of 2N/λmax of the infinite NTK (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--learning-rate", paramLabel = "ETA",
        description = "absolute learning rate for the loss ‖f−y‖²/(2N), N = y.size (all "
            + "outputs of all examples); replaces --rate")
    Double learningRate;

    @Option(names = "--parameterization", defaultValue = "ntk", description = "ntk or standard (default: ${DEFAULT-VALUE})")
    String parameterization;

    @Override
    public Integer call() {
      StepSize eta = learningRate == null ? StepSize.ofCritical(rate)
          : StepSize.absolute(learningRate);
      KernelChange.Config c = new KernelChange.Config(common.dataSet(), train, widths, depth,
          steps, eta, seeds, parameterization(parameterization), common.seed);
      return common.run(spec, "kernel-change", KernelChange.work(c),
          backendOptions,
          (backend, bar) -> KernelChange.run(c, backend, common.outDir(), bar), KernelChange::summary);
    }
  }

  @Command(name = "linearization", mixinStandardHelpOptions = true,
      description = "Outputs of the network, its linearization and the NTK closed form during "
          + "training; their RMS differences against width.")
  static final class LinearizationCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;
    @Mixin BackendMixin backendOptions;

    @Option(names = "--widths", split = ",", paramLabel = "W,W,...",
        defaultValue = "64,256,1024,4096", description = "hidden widths (default: ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--depth", defaultValue = "1", description = "hidden layers (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--train", defaultValue = "128", description = "training examples (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--test", defaultValue = "64", description = "test examples (default: ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--steps", defaultValue = "256", description = "gradient descent steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rate", defaultValue = "0.5",
        description = "learning rate as a fraction of 2N/λmax of the infinite NTK (default: ${DEFAULT-VALUE})")
    double rate;

    @Override
    public Integer call() {
      Linearization.Config c = new Linearization.Config(common.dataSet(), train, test, widths,
          depth, steps, rate, common.seed);
      return common.run(spec, "linearization", Linearization.work(c),
          backendOptions,
          (backend, bar) -> Linearization.run(c, backend, common.outDir(), bar), r -> Linearization.summary(c, r));
    }
  }

  @Command(name = "ensemble", mixinStandardHelpOptions = true,
      description = "Mean and variance over many trained networks against the NTK-GP mean and "
          + "variance of the infinite ensemble, over training time.")
  static final class EnsembleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;
    @Mixin BackendMixin backendOptions;

    @Option(names = "--width", defaultValue = "512", description = "hidden width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--depth", defaultValue = "1", description = "hidden layers (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--members", defaultValue = "48", description = "networks in the ensemble (default: ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--train", defaultValue = "64", description = "training examples (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--test", defaultValue = "32", description = "test examples (default: ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--steps", defaultValue = "256", description = "gradient descent steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rate", defaultValue = "0.5",
        description = "learning rate as a fraction of 2N/λmax of the infinite NTK (default: ${DEFAULT-VALUE})")
    double rate;

    @Override
    public Integer call() {
      Ensemble.Config c = new Ensemble.Config(common.dataSet(), train, test, width, depth,
          members, steps, rate, common.seed);
      return common.run(spec, "ensemble", Ensemble.work(c),
          backendOptions,
          (backend, bar) -> Ensemble.run(c, backend, common.outDir(), bar), Ensemble::summary);
    }
  }

  @Command(name = "learning-rate", mixinStandardHelpOptions = true,
      description = "Training loss and the empirical NTK's top eigenvalue over time for learning"
          + " rates around 2N/λ0 and 4N/λ0: the lazy, catapult and divergent phases.")
  static final class LearningRateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;
    @Mixin BackendMixin backendOptions;

    @Option(names = "--width", defaultValue = "2048", description = "hidden width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--train", defaultValue = "128", description = "training examples (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--steps", defaultValue = "80", description = "gradient descent steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rates", split = ",", paramLabel = "R,R,...",
        defaultValue = "1,3,6,16",
        description = "learning rates in units of N/λ0 (2: the lazy limit) (default: ${DEFAULT-VALUE})")
    double[] rates;

    @Override
    public Integer call() {
      LearningRate.Config c = new LearningRate.Config(common.dataSet(), train, width, steps,
          rates, common.seed);
      return common.run(spec, "learning-rate", LearningRate.work(c),
          backendOptions,
          (backend, bar) -> LearningRate.run(c, backend, common.outDir(), bar), LearningRate::summary);
    }
  }

  static Dense.Parameterization parameterization(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "ntk" -> Dense.Parameterization.NTK;
      case "standard" -> Dense.Parameterization.STANDARD;
      default -> throw new org.ntk4j.InvalidInputException("unknown parameterization '"
          + name + "'; use ntk or standard");
    };
  }
}
