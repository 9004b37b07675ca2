package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void kernelChangeRunsFromTheCommandLine(@TempDir Path dir) {
    String[] r = run("experiment", "kernel-change", "--widths", "8,32", "--steps", "3",
        "--seeds", "1", "--train", "12", "--out", dir.toString(), "--quiet");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("fitted log-log slopes"), r[1]);
    assertTrue(Files.exists(dir.resolve("kernel-change.png")));
  }

  @Test
  void kernelChangeTakesAnAbsoluteLearningRate(@TempDir Path dir) throws Exception {
    String[] r = run("experiment", "kernel-change", "--widths", "8,32", "--steps", "2",
        "--seeds", "1", "--train", "12", "--learning-rate", "2.5", "--out", dir.toString(),
        "--quiet");
    assertEquals("0", r[0], r[2]);
    java.util.List<String> rows = Files.readAllLines(dir.resolve("kernel-change.csv"));
    assertTrue(rows.get(0).endsWith(",learning_rate"), rows.get(0));
    for (String row : rows.subList(1, rows.size())) {
      assertTrue(row.endsWith(",2.5"), row);
    }
  }

  /**
   * Without a terminal (as under surefire) the experiments draw no progress bar: they used to
   * write carriage-return updates into redirected stderr.
   */
  @Test
  void noProgressBarWithoutATerminal(@TempDir Path dir) {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    String[] r;
    try {
      System.setErr(new java.io.PrintStream(stderr, true));
      r = run("experiment", "kernel-change", "--widths", "8,32", "--steps", "3", "--seeds",
          "1", "--train", "12", "--out", dir.toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals("0", r[0], r[2]);
    String all = stderr.toString() + r[2];
    assertFalse(all.contains("\r"), all);
    assertTrue(all.lines().allMatch(l -> l.startsWith(Notice.PREFIX)), all);
  }

  @Test
  void nonPositiveLearningRateIsBadInput(@TempDir Path dir) {
    String[] r = run("experiment", "kernel-change", "--learning-rate", "0", "--out",
        dir.toString(), "--quiet");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("must be positive"), r[2]);
  }

  @Test
  void unknownDataIsBadInput(@TempDir Path dir) {
    String[] r = run("experiment", "linearization", "--data", "cifar", "--out", dir.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("digits or fashion-mnist"), r[2]);
  }

  @Test
  void demoPrintsItsTable(@TempDir Path dir) {
    String[] r = run("demo", "--train", "150", "--width", "32", "--steps", "0,5",
        "--out", dir.toString(), "--quiet");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("infinite NTK"), r[1]);
    assertTrue(r[1].contains("inf "), r[1]);
    assertTrue(Files.exists(dir.resolve("demo.png")));
  }
}
