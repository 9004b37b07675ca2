package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
