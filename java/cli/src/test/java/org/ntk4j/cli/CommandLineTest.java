package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The root command, {@code devices}, help everywhere, and the error-to-exit-code mapping. */
class CommandLineTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "kernel", "devices", "selftest"})
  void helpEverywhere(String command) {
    CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("Usage: ntk4j" + (command.isEmpty() ? "" : " " + command)),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void noCommandShowsTheOverview() {
    CliRun run = CliRun.of();
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("kernel"), run.out());
    assertTrue(run.out().contains("devices"), run.out());
  }

  @Test
  void unknownCommandIsBadInput() {
    CliRun run = CliRun.of("kernal");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("ntk4j: error: Unmatched argument"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void devicesListsJavaAsRunnableAndTheAutoChoice() {
    CliRun run = CliRun.of("devices");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).matches("backend\\s+can run\\s+details"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.matches("java\\s+yes\\s+pure Java.*")),
        run.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("auto picks: "), run.out());
    assertTrue(lines.get(lines.size() - 2).startsWith("linear algebra on the host: native"
        + " BLAS/LAPACK: OpenBLAS"), run.out());
  }

  @Test
  void devicesSaysWhenTheLinearAlgebraIsPureJavaAndWhy() {
    System.setProperty(org.ntk4j.linalg.HostLinearAlgebra.PROPERTY, "java");
    try {
      CliRun run = CliRun.of("devices");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("linear algebra on the host: pure Java (EJML/ojAlgo):"
          + " disabled with -Dntk4j.linalg=java"), run.out());
    } finally {
      System.clearProperty(org.ntk4j.linalg.HostLinearAlgebra.PROPERTY);
    }
  }

  private static String report(Throwable e, int expectedCode) {
    StringWriter err = new StringWriter();
    assertEquals(expectedCode, ErrorReporter.handle(e, new PrintWriter(err)));
    String text = err.toString();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("ntk4j: error: "), text);
    return text;
  }

  @Test
  void internalFailuresExitOneWithoutAStackTrace() {
    String text = report(new IllegalStateException("tile index out of range"), 1);
    assertTrue(text.contains("internal error: java.lang.IllegalStateException: tile index"),
        text);
  }

  /** A failed streamed run's advice joins its cause's line, with the cause's exit code. */
  @Test
  void hintsJoinTheLineOfTheirCause() {
    String text = report(new HintedFailure(new java.io.UncheckedIOException(
        new IOException("No space left on device")), "run again with --resume"), 2);
    assertTrue(text.contains("No space left on device; run again with --resume"), text);
    assertTrue(report(new HintedFailure(new IllegalStateException("lost"), "resume"), 1)
        .contains("lost; resume"));
  }

  /** Memory is a limit the user can raise: exit 2 with the fix, as for a refused kernel. */
  @Test
  void outOfMemoryIsBadInputWithTheFix() {
    assertTrue(report(new OutOfMemoryError(), 2).contains("-Xmx"));
  }

  @Test
  void fileSystemProblemsAreBadInputNamingTheFile() {
    assertTrue(report(new NoSuchFileException("/data/x.npy"), 2)
        .contains("/data/x.npy: no such file or directory"));
    assertTrue(report(new AccessDeniedException("/out/k.npy"), 2)
        .contains("/out/k.npy: permission denied"));
    assertTrue(report(new IOException("No space left on device"), 2)
        .contains("I/O error: No space left on device"));
  }

  @Test
  void multiLineMessagesBecomeOneLine() {
    String text = report(new org.ntk4j.InvalidInputException("first\n  second"), 2);
    assertTrue(text.contains("first; second"), text);
  }
}
