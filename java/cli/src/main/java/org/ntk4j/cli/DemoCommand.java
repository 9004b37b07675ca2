package org.ntk4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntk4j.backend.Backends;
import org.ntk4j.experiments.Demo;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.report.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j demo}: kernels, predictions and a trained network on the shipped digits. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "On the shipped UCI digits: computes the NNGP and NTK of a ReLU network, "
        + "predicts the test accuracy of the infinitely wide network after several numbers of "
        + "gradient descent steps and at convergence, trains a finite network beside it, prints"
        + " a table and writes demo.png and demo.csv.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "ntk4j-demo", paramLabel = "DIR",
      description = "directory for demo.png and demo.csv (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--width", defaultValue = "256",
      description = "hidden width of the finite network (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--train", defaultValue = "1000",
      description = "training examples (default: ${DEFAULT-VALUE}; the rest up to 1797 test)")
  int train;

  @Option(names = "--steps", split = ",", defaultValue = "0,1,3,10,30,100,300",
      paramLabel = "K,K,...", description = "step counts to report (default: ${DEFAULT-VALUE})")
  long[] steps;

  @Option(names = "--seed", defaultValue = "0",
      description = "split and initialization seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Mixin BackendMixin backendOptions;

  @Override
  public Integer call() {
    Demo.Config d = Demo.Config.defaults();
    Demo.Config c = new Demo.Config(train, 1797 - train, d.depth(), width, steps,
        d.rateFraction(), seed);
    PrintWriter log = spec.commandLine().getOut();
    OutputFiles.createDirectory("--out", out);
    Demo.Result r;
    try (ProgressBar bar = quiet ? ProgressBar.quiet()
        : ProgressBar.onStderr(spec.commandLine().getErr(), "demo", "", Demo.work(c))) {
      try (KernelBackend backend = backendOptions.open(Backends.standard())) {
        r = Demo.run(c, backend, out, log, bar);
      }
    }
    Demo.table(r).forEach(log::println);
    log.println(String.format(Locale.ROOT, "wrote %s and %s in %.1f s",
        out.resolve("demo.png"), out.resolve("demo.csv"), r.seconds()));
    return 0;
  }
}
