package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;

/**
 * The command-line cases of the reliability issue (13), each run as a user would: every one
 * ends in a correct finite result or in exit code 2 with one line naming the problem and the
 * fix, never in exit 0 with a non-finite value, exit 1, or an overwritten input.
 */
class ReliabilityCommandTest {
  private static final String RELU = "dense(8, w_std=1.5, b_std=0.1), relu(), dense(1)";

  @TempDir Path dir;
  private Path x;

  @BeforeEach
  void inputs() throws IOException {
    x = dir.resolve("x.npy");
    Npy.write(x, TestMatrices.gaussian(12, 4, 1), NpyDtype.FLOAT64);
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  /**
   * Exit 2, nothing on stdout, one error line on stderr containing every fragment (besides
   * it, at most notes: --backend auto says what it passed over).
   */
  private static CliRun assertRefused(CliRun run, String... fragments) {
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("", run.out());
    java.util.List<String> errors = run.err().lines()
        .filter(l -> !l.startsWith(Notice.PREFIX)).toList();
    assertEquals(1, errors.size(), run.err());
    assertTrue(errors.get(0).startsWith("ntk4j: error: "), run.err());
    for (String f : fragments) {
      assertTrue(errors.get(0).contains(f), "'" + f + "' missing from: " + run.err());
    }
    return run;
  }

  @Test
  void anOutputNamingAnInputIsRefusedAndTheInputKept() throws IOException {
    byte[] before = Files.readAllBytes(x);
    assertRefused(CliRun.of("kernel", "--arch", RELU, "--x1", x.toString(), "--out-ntk",
        x.toString(), "--backend", "java"), "--out-ntk " + x + " is the input --x1");
    assertRefused(CliRun.of("kernel", "--arch", RELU, "--x1", p("x.npy"), "--x2",
        "./" + dir.relativize(dir).resolve(x).toString(), "--out-nngp", dir.resolve(".")
            .resolve("x.npy").toString()), "is the input --x1");
    Npy.write(dir.resolve("y.npy"), TestMatrices.gaussian(12, 1, 2), NpyDtype.FLOAT64);
    assertRefused(CliRun.of("predict", "--arch", RELU, "--x-train", x.toString(), "--y-train",
        p("y.npy"), "--x-test", x.toString(), "--out-mean", p("y.npy")),
        "--out-mean " + p("y.npy") + " is the input --y-train");
    assertArrayEquals(before, Files.readAllBytes(x));
  }

  /** 60,000 test rows with --out-cov: 3.6e9 covariance entries, refused before any work. */
  @Test
  void covariancesTooLargeForAnArrayAreRefusedUpFront() throws IOException {
    Npy.write(dir.resolve("xte.npy"), TestMatrices.gaussian(60_000, 4, 3), NpyDtype.FLOAT64);
    Npy.write(dir.resolve("y.npy"), TestMatrices.gaussian(12, 1, 2), NpyDtype.FLOAT64);
    assertRefused(CliRun.of("predict", "--arch", RELU, "--x-train", x.toString(), "--y-train",
        p("y.npy"), "--x-test", p("xte.npy"), "--mode", "ensemble", "--t", "1", "--out-cov",
        p("cov.npy"), "--backend", "java"), "--out-cov would write 1 covariance matrices of"
        + " (60000, 60000)", "use at most 46340 test rows");
    assertFalse(Files.exists(dir.resolve("cov.npy")));
  }

  @Test
  void aSpecNested3000DeepIsRefusedWithTheColumn() {
    String nested = "serial(".repeat(3000) + "dense(1)" + ")".repeat(3000);
    assertRefused(CliRun.of("kernel", "--arch", nested, "--x1", x.toString()),
        "column 1401: layers are nested more than 200 deep");
  }

  @Test
  void demoOutNamingAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertRefused(CliRun.of("demo", "--out", file.toString(), "--quiet"),
        "--out " + file + ": " + file + " is a file, not a directory");
    assertRefused(CliRun.of("experiment", "kernel-change", "--out", file.resolve("sub")
        .toString(), "--quiet"), "is a file, not a directory");
  }

  @Test
  void overflowingKernelsAreRefusedAndNothingIsWritten() {
    for (String arch : new String[] {"dense(8, w_std=1e200), relu(), dense(1)",
        "dense(8), erf(1, 1e300, 0), dense(1)"}) {
      assertRefused(CliRun.of("kernel", "--arch", arch, "--x1", x.toString(), "--out-ntk",
          p("k.npy"), "--backend", "java"), "overflows in layer", "of 3");
      assertFalse(Files.exists(dir.resolve("k.npy")));
    }
    // fine in float64, beyond float32: the java backend rounds its float64 result to float32
    assertRefused(CliRun.of("kernel", "--arch", "dense(8, w_std=1e12), relu(), dense(1,"
        + " w_std=1e12)", "--x1", x.toString(), "--out-ntk", p("k.npy"), "--backend", "java",
        "--precision", "float32"), "float32 overflows in layer 3 of 3", "--precision float64");
    assertFalse(Files.exists(dir.resolve("k.npy")));
  }

  @Test
  void inputsScaledBy1e80GiveFiniteKernels() throws IOException {
    Matrix big = TestMatrices.gaussian(12, 4, 1);
    for (int i = 0; i < big.data().length; i++) {
      big.data()[i] *= 1e80;
    }
    Npy.write(dir.resolve("big.npy"), big, NpyDtype.FLOAT64);
    CliRun run = CliRun.of("kernel", "--arch", "dense(8, w_std=1.5), relu(), dense(1)", "--x1",
        p("big.npy"), "--out-ntk", p("k.npy"), "--backend", "java");
    assertEquals(0, run.exitCode(), run.err());
    for (double v : Npy.readMatrix(dir.resolve("k.npy")).data()) {
      assertTrue(Double.isFinite(v) && v != 0, "entry " + v);
    }
  }

  /** Discrete gradient descent above 2n/λ_max diverges: refused with both rates. */
  @Test
  void divergentStepsAreRefusedWithTheStableRate() throws IOException {
    Npy.write(dir.resolve("y.npy"), TestMatrices.gaussian(12, 1, 2), NpyDtype.FLOAT64);
    CliRun run = assertRefused(CliRun.of("predict", "--arch", RELU, "--x-train", x.toString(),
        "--y-train", p("y.npy"), "--x-test", x.toString(), "--steps", "0,10,100000",
        "--learning-rate", "1000", "--out-mean", p("mean.npy")),
        "at step=100000", "the learning rate 1000 is above the largest stable rate 2n/λ_max = ");
    assertFalse(Files.exists(dir.resolve("mean.npy")), run.err());
  }

  /** A temporary file of a killed run (no lock held) is removed by the next write. */
  @Test
  void strayTemporariesOfKilledRunsAreRemovedButLiveOnesKept() throws IOException {
    Path stray = Files.writeString(dir.resolve(".k.npy.3kq9z0.part"), "killed");
    Path live = Files.writeString(dir.resolve(".k.npy.7abc.part"), "running");
    Path other = Files.writeString(dir.resolve(".other.npy.3kq9z0.part"), "other target");
    try (FileChannel ch = FileChannel.open(live, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      CliRun run = CliRun.of("kernel", "--arch", RELU, "--x1", x.toString(), "--out-ntk",
          p("k.npy"), "--backend", "java");
      assertEquals(0, run.exitCode(), run.err());
    }
    assertFalse(Files.exists(stray));
    assertTrue(Files.exists(live));
    assertTrue(Files.exists(other));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(Collections.emptyList(), s.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(".k.npy.") && !n.equals(live.getFileName().toString()))
          .toList());
    }
  }

  /** The auto notice is a note, not an error, and is one line. */
  @Test
  void noticesAreNotErrors() {
    CliRun run = CliRun.of("kernel", "--arch", RELU, "--x1", x.toString());
    assertEquals(0, run.exitCode(), run.err());
    run.err().lines().forEach(l -> assertTrue(l.startsWith(Notice.PREFIX), l));
  }
}
