package org.ntk4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ntk4j} command line: one subcommand per job. */
@Command(name = "ntk4j", mixinStandardHelpOptions = true, version = "ntk4j 0.1.0",
    description = "Infinite-width NNGP and NTK kernels, and the predictions of wide networks.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (2 for bad input). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
