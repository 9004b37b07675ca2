package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.data.Digits;
import org.ntk4j.data.LabeledData;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.predict.Metrics;
import org.ntk4j.stax.Architecture;

/** {@code ntk4j predict} end to end: digits accuracy, outputs, and every refusal. */
class PredictCommandTest {
  private static final String SMALL = "dense(8, w_std=1.5, b_std=0.1), relu(), "
      + "dense(2, w_std=1.5, b_std=0.1)";
  private static final String DEPTH3_RELU = "dense(512, w_std=1.5, b_std=0.05), relu(), "
      + "dense(512, w_std=1.5, b_std=0.05), relu(), dense(512, w_std=1.5, b_std=0.05), relu(), "
      + "dense(10, w_std=1.5, b_std=0.05)";

  @TempDir Path dir;

  private String save(String name, Matrix m) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, m, NpyDtype.FLOAT64);
    return p.toString();
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void smallInputs() throws IOException {
    save("xtr.npy", TestMatrices.gaussian(12, 3, 1));
    save("ytr.npy", TestMatrices.gaussian(12, 2, 2));
    save("xte.npy", TestMatrices.gaussian(5, 3, 3));
    save("yte.npy", TestMatrices.gaussian(5, 2, 4));
  }

  private String[] small(String... extra) {
    String[] base = {"predict", "--arch", SMALL, "--x-train", p("xtr.npy"), "--y-train",
        p("ytr.npy"), "--x-test", p("xte.npy"), "--y-test", p("yte.npy")};
    return Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new);
  }

  private long filesIn() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void digitsNtkAndNngpAtInfiniteTimeReachTheExpectedAccuracy() throws IOException {
    Digits d = Digits.load();
    TrainTestSplit split = new LabeledData(d.features(), d.labels(), Digits.CLASSES)
        .split(1000, 797, 0);
    save("dxtr.npy", split.xTrain());
    save("dytr.npy", split.yTrain());
    save("dxte.npy", split.xTest());
    save("dyte.npy", split.yTest());
    for (String kernel : new String[] {"ntk", "nngp"}) {
      CliRun run = CliRun.of("predict", "--arch", DEPTH3_RELU, "--x-train", p("dxtr.npy"),
          "--y-train", p("dytr.npy"), "--x-test", p("dxte.npy"), "--y-test", p("dyte.npy"),
          "--kernel", kernel, "--t", "inf", "--out-mean", p("mean.npy"), "--out-train",
          p("train.npy"));
      assertEquals(0, run.exitCode(), run.err());
      NpyArray mean = Npy.read(dir.resolve("mean.npy"));
      assertArrayEquals(new long[] {1, 797, 10}, mean.shape());
      assertArrayEquals(new long[] {1, 1000, 10}, Npy.read(dir.resolve("train.npy")).shape());
      double acc = Metrics.accuracy(new Matrix(797, 10, mean.data()), split.yTest());
      assertTrue(acc >= 0.975, kernel + " test accuracy " + acc);
      String row = run.out().lines().filter(l -> l.startsWith("t=inf")).findFirst()
          .orElseThrow();
      assertTrue(row.endsWith(String.format(Locale.ROOT, "%.2f%%", 100 * acc)), run.out());
    }
  }

  @Test
  void finiteTimesPlotAndGpWithLikelihood() throws IOException {
    Matrix labels = Matrix.zeros(12, 2);
    Matrix testLabels = Matrix.zeros(5, 2);
    for (int i = 0; i < 12; i++) {
      labels.set(i, i % 2, 1);
    }
    for (int i = 0; i < 5; i++) {
      testLabels.set(i, i % 2, 1);
    }
    save("ytr.npy", labels);
    save("yte.npy", testLabels);
    CliRun run = CliRun.of(small("--t", "0,1,10,100,inf", "--plot", p("curves.png")));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("test acc") && run.out().contains("t=100"), run.out());
    byte[] png = Files.readAllBytes(dir.resolve("curves.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    CliRun gp = CliRun.of(small("--mode", "gp", "--kernel", "nngp", "--out-cov", p("cov.npy")));
    assertEquals(0, gp.exitCode(), gp.err());
    assertTrue(gp.out().contains("NNGP log marginal likelihood"), gp.out());
    assertArrayEquals(new long[] {1, 5, 5}, Npy.read(dir.resolve("cov.npy")).shape());
  }

  @Test
  void precomputedKernelsGiveTheSameMeansAsTheArchitecture() throws IOException {
    Architecture a = Architecture.parse(SMALL);
    Matrix xtr = Npy.readMatrix(dir.resolve("xtr.npy"));
    Matrix xte = Npy.readMatrix(dir.resolve("xte.npy"));
    Kernels train = new JavaBackend(1).compute(KernelRequest.symmetric(a, xtr));
    Kernels test = new JavaBackend(1).compute(KernelRequest.of(a, xte, xtr));
    save("k.npy", train.ntk());
    save("kt.npy", test.ntk());
    CliRun fromArch = CliRun.of(small("--t", "0.5,inf", "--out-mean", p("a.npy")));
    CliRun fromFiles = CliRun.of("predict", "--k-train", p("k.npy"), "--k-test-train",
        p("kt.npy"), "--y-train", p("ytr.npy"), "--t", "0.5,inf", "--out-mean", p("b.npy"));
    assertEquals(0, fromArch.exitCode(), fromArch.err());
    assertEquals(0, fromFiles.exitCode(), fromFiles.err());
    assertArrayEquals(Npy.read(dir.resolve("a.npy")).data(),
        Npy.read(dir.resolve("b.npy")).data(), 1e-12);
  }

  @Test
  void ensembleWritesCovariancesAndStepsAndXentRun() throws IOException {
    CliRun ens = CliRun.of(small("--mode", "ensemble", "--t", "1,10,inf", "--diag-reg", "1e-4",
        "--out-mean", p("m.npy"), "--out-cov", p("c.npy")));
    assertEquals(0, ens.exitCode(), ens.err());
    assertArrayEquals(new long[] {3, 5, 2}, Npy.read(dir.resolve("m.npy")).shape());
    assertArrayEquals(new long[] {3, 5, 5}, Npy.read(dir.resolve("c.npy")).shape());
    CliRun steps = CliRun.of(small("--steps", "0,10,100", "--learning-rate", "0.5"));
    assertEquals(0, steps.exitCode(), steps.err());
    assertTrue(steps.out().contains("step=100"), steps.out());
    CliRun xent = CliRun.of(small("--loss", "xent", "--t", "0,5"));
    assertEquals(0, xent.exitCode(), xent.err());
  }

  @Test
  void notPositiveDefiniteAtInfinityIsRefusedWithTheFixAndNothingWritten() throws IOException {
    Matrix x = TestMatrices.gaussian(12, 2, 9);
    Matrix lowRank = Matrix.zeros(12, 12);
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j++) {
        lowRank.set(i, j, x.get(i, 0) * x.get(j, 0) + x.get(i, 1) * x.get(j, 1));
      }
    }
    save("low.npy", lowRank);
    save("lowt.npy", TestMatrices.gaussian(5, 12, 10));
    long before = filesIn();
    CliRun run = CliRun.of("predict", "--k-train", p("low.npy"), "--k-test-train", p("lowt.npy"),
        "--y-train", p("ytr.npy"), "--t", "1,inf", "--out-mean", p("never.npy"),
        "--plot", p("never.png"));
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("smallest eigenvalue") && run.err().contains("--diag-reg"),
        run.err());
    assertEquals(before, filesIn(), "nothing may be written on error");
    CliRun fixed = CliRun.of("predict", "--k-train", p("low.npy"), "--k-test-train",
        p("lowt.npy"), "--y-train", p("ytr.npy"), "--t", "1,inf", "--diag-reg", "1e-6");
    assertEquals(0, fixed.exitCode(), fixed.err());
  }

  @Test
  void badInputIsRefusedWithExitCodeTwo() throws IOException {
    save("ybad.npy", TestMatrices.gaussian(11, 2, 5));
    CliRun shapes = CliRun.of("predict", "--arch", SMALL, "--x-train", p("xtr.npy"),
        "--y-train", p("ybad.npy"), "--x-test", p("xte.npy"));
    assertEquals(2, shapes.exitCode());
    assertTrue(shapes.err().contains("(12, 3)") && shapes.err().contains("(11, 2)"),
        shapes.err());
    for (String t : new String[] {"-1", "nan", "1,,2", "abc"}) {
      CliRun bad = CliRun.of(small("--t", t, "--out-mean", p("never.npy")));
      assertEquals(2, bad.exitCode(), t);
      assertTrue(bad.err().startsWith("ntk4j: error: --t"), bad.err());
      assertFalse(Files.exists(dir.resolve("never.npy")));
    }
    assertEquals(2, CliRun.of(small("--out-cov", p("c.npy"))).exitCode());
    assertEquals(2, CliRun.of(small("--mode", "sgd")).exitCode());
    assertEquals(2, CliRun.of(small("--mode", "gp", "--steps", "10")).exitCode());
    assertEquals(2, CliRun.of(small("--mode", "gp", "--t", "10")).exitCode());
    assertEquals(2, CliRun.of(small("--t", "1", "--steps", "10")).exitCode());
    assertEquals(2, CliRun.of(small("--loss", "xent", "--t", "inf")).exitCode());
    save("ytebad.npy", TestMatrices.gaussian(5, 3, 6));
    CliRun yTest = CliRun.of("predict", "--arch", SMALL, "--x-train", p("xtr.npy"),
        "--y-train", p("ytr.npy"), "--x-test", p("xte.npy"), "--y-test", p("ytebad.npy"));
    assertEquals(2, yTest.exitCode());
    assertTrue(yTest.err().contains("(5, 3)") && yTest.err().contains("(12, 2)"), yTest.err());
  }

  /**
   * Finite times for 40000 examples need the kernel, a copy and its eigenvectors (38 GB):
   * refused before any kernel is computed, with the numbers and the fixes.
   */
  @Test
  void aPredictionLargerThanTheMachineIsRefusedBeforeAnyWork() throws IOException {
    save("bigx.npy", TestMatrices.gaussian(40_000, 1, 5));
    save("bigy.npy", TestMatrices.gaussian(40_000, 1, 6));
    long before = filesIn();
    long start = System.nanoTime();
    CliRun run = CliRun.of("predict", "--arch", SMALL, "--x-train", p("bigx.npy"), "--y-train",
        p("bigy.npy"), "--t", "1,inf", "--out-train", p("never.npy"), "--solver", "direct");
    assertEquals(2, run.exitCode(), run.err());
    String error = run.err().lines().filter(l -> l.startsWith("ntk4j: error:")).findFirst()
        .orElseThrow();
    assertTrue(error.startsWith("ntk4j: error: this job needs 35.8 GiB (1 train-train"
        + " kernel(s) 40000x40000 11.92 GiB, eigendecomposition"), error);
    assertTrue(error.contains("of memory available: use at most ")
        && error.contains("--precision float32") && error.contains("--solver iterative"), error);
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before the work");
    assertEquals(before, filesIn());
  }

  /** 60000² entries are beyond one 32-bit LAPACK call: refused up front, not after the kernels. */
  @Test
  void aKernelBeyondWhatLapackIndexesIsRefusedUpFront() throws IOException {
    save("hugex.npy", TestMatrices.gaussian(60_000, 1, 7));
    save("hugey.npy", TestMatrices.gaussian(60_000, 1, 8));
    CliRun run = CliRun.of("predict", "--arch", SMALL, "--x-train", p("hugex.npy"), "--y-train",
        p("hugey.npy"), "--solver", "direct");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("error: a prediction from 60000 training examples on a"
        + " 60000x60000 matrix is beyond what one call of the 32-bit-integer LAPACK can index"),
        run.err());
  }

  /** Without the natives the same prediction runs on the pure-Java oracle, with one notice. */
  @Test
  void withoutNativeLinearAlgebraPredictionsRunOnTheOracleWithANotice() throws IOException {
    CliRun nativeRun = CliRun.of(small("--t", "0,5,inf", "--diag-reg", "1e-3", "--out-mean",
        p("native.npy"), "--backend", "java"));
    assertEquals(0, nativeRun.exitCode(), nativeRun.err());
    assertFalse(nativeRun.err().contains("pure-Java"), nativeRun.err());
    System.setProperty(org.ntk4j.linalg.HostLinearAlgebra.PROPERTY, "java");
    try {
      CliRun javaRun = CliRun.of(small("--t", "0,5,inf", "--diag-reg", "1e-3", "--out-mean",
          p("java.npy"), "--backend", "java"));
      assertEquals(0, javaRun.exitCode(), javaRun.err());
      assertEquals(1, javaRun.err().lines().filter(l -> l.contains("pure-Java")).count(),
          javaRun.err());
      assertTrue(javaRun.err().contains("ntk4j: note: native BLAS/LAPACK unavailable"),
          javaRun.err());
    } finally {
      System.clearProperty(org.ntk4j.linalg.HostLinearAlgebra.PROPERTY);
    }
    double[] av = Npy.read(dir.resolve("native.npy")).data();
    double[] bv = Npy.read(dir.resolve("java.npy")).data();
    Matrix a = new Matrix(1, av.length, av);
    Matrix b = new Matrix(1, bv.length, bv);
    assertTrue(a.relativeError(b) < 1e-10, "" + a.relativeError(b));
  }
}
