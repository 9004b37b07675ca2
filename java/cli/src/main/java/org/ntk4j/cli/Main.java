package org.ntk4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ntk4j} command line: one subcommand per job. */
@Command(name = "ntk4j", mixinStandardHelpOptions = true, version = "ntk4j 0.1.0",
    description = "Infinite-width NNGP and NTK kernels, and the predictions of wide networks.",
    subcommands = {
        CommandLine.HelpCommand.class,
        KernelCommand.class,
        DevicesCommand.class,
        SelftestCommand.class,
        PredictCommand.class,
        ExperimentCommand.class,
        DemoCommand.class,
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on System.out/err and returns its exit code (2 for bad input). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line on the given streams and returns its exit code: 0 on success, 2 for
   * bad input (one line {@code ntk4j: error: ...} on {@code err}), 1 for internal failures.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    ErrorReporter errors = new ErrorReporter();
    CommandLine cmd = new CommandLine(new Main())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
    try {
      return cmd.execute(args);
    } catch (RuntimeException | Error e) {
      return ErrorReporter.handle(e, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Spec CommandSpec spec;

  /** Without a subcommand: the overview of all of them. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
