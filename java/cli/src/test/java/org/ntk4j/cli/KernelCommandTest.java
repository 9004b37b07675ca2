package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.data.Datasets;
import org.ntk4j.io.Csv;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/** {@code ntk4j kernel} end to end on files: results, summaries, and every refusal. */
class KernelCommandTest {
  private static final String ARCH = "dense(16, w_std=1.5, b_std=0.05), relu(), "
      + "dense(16, w_std=1.5, b_std=0.05), erf(), dense(1, w_std=1.5)";

  @TempDir Path dir;
  private Matrix a;
  private Matrix b;
  private Path aNpy;
  private Path bCsv;

  @BeforeEach
  void inputs() throws IOException {
    a = TestMatrices.gaussian(7, 5, 1);
    b = TestMatrices.gaussian(4, 5, 2);
    aNpy = dir.resolve("a.npy");
    Npy.write(aNpy, a, NpyDtype.FLOAT64);
    bCsv = dir.resolve("b.csv.gz");
    Csv.write(bCsv, b, List.of("f1", "f2", "f3", "f4", "f5"));
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private static Kernels oracle(KernelRequest request) {
    try (JavaBackend backend = new JavaBackend(2)) {
      return backend.compute(request);
    }
  }

  @Test
  void symmetricKernelsEqualTheOracleAndTheSummarySaysWhat() throws IOException {
    CliRun run = CliRun.of("kernel", "--arch", ARCH, "--x1", aNpy.toString(),
        "--out-nngp", p("nngp.npy"), "--out-ntk", p("ntk.npy"), "--backend", "java");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    Kernels expected = oracle(KernelRequest.symmetric(Architecture.parse(ARCH), a));
    assertArrayEquals(expected.nngp().data(), Npy.readMatrix(dir.resolve("nngp.npy")).data());
    assertArrayEquals(expected.ntk().data(), Npy.readMatrix(dir.resolve("ntk.npy")).data());
    String line = run.out().strip();
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.startsWith("NNGP+NTK (7, 7) float64 on java: X1 (7, 5), X2 = X1;"), line);
    assertTrue(line.contains("entries/s"), line);
    assertTrue(line.endsWith("wrote " + p("nngp.npy") + ", " + p("ntk.npy")), line);
  }

  /** A user's φ through the command line, quoted inside the quoted spec. */
  @Test
  void anExpressionLayer() throws IOException {
    String arch = "dense(8, w_std=1.2, b_std=0.1), elementwise('x * erf(x) - 0.1', 12), dense(1)";
    CliRun run = CliRun.of("kernel", "--arch", arch, "--x1", aNpy.toString(), "--out-ntk",
        p("ntk.npy"), "--backend", "java");
    assertEquals(0, run.exitCode(), run.err());
    assertArrayEquals(oracle(KernelRequest.symmetric(Architecture.parse(arch), a)).ntk().data(),
        Npy.readMatrix(dir.resolve("ntk.npy")).data());
    CliRun bad = CliRun.of("kernel", "--arch", "dense(8), elementwise('x * erff(x)'), dense(1)",
        "--x1", aNpy.toString(), "--backend", "java");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().startsWith("ntk4j: error: "), bad.err());
    assertTrue(bad.err().contains("unknown name 'erff'"), bad.err());
  }

  @Test
  void rectangularFloat32FromCsvAndNpy() throws IOException {
    CliRun run = CliRun.of("kernel", "--arch", ARCH, "--x1", aNpy.toString(), "--x2",
        bCsv.toString(), "--out-ntk", p("ntk.npy"), "--precision", "float32", "--threads", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("<f4", Npy.readHeader(dir.resolve("ntk.npy")).dtype().descr());
    Matrix ntk = Npy.readMatrix(dir.resolve("ntk.npy"));
    Matrix expected = oracle(KernelRequest.of(Architecture.parse(ARCH), a, b)).ntk();
    assertEquals(7, ntk.rows());
    assertEquals(4, ntk.cols());
    for (int i = 0; i < ntk.data().length; i++) {
      assertEquals((float) expected.data()[i], ntk.data()[i]);
    }
    assertTrue(run.out().startsWith("NTK (7, 4) float32"), run.out());
    assertTrue(Files.notExists(dir.resolve("nngp.npy")));
  }

  @Test
  void csvOutputAndNoOutputAtAll() throws IOException {
    CliRun run = CliRun.of("kernel", "--arch", ARCH, "--x1", aNpy.toString(), "--out-nngp",
        p("nngp.csv"));
    assertEquals(0, run.exitCode(), run.err());
    Matrix expected = oracle(KernelRequest.symmetric(Architecture.parse(ARCH), a)).nngp();
    assertArrayEquals(expected.data(), Csv.read(dir.resolve("nngp.csv")).data());
    CliRun dry = CliRun.of("kernel", "--arch", ARCH, "--x1", aNpy.toString());
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("nothing written"), dry.out());
  }

  @Test
  void shippedDigitsByName() throws IOException {
    Matrix digits = Datasets.load("digits").orElseThrow();
    Path first = dir.resolve("first.npy");
    Npy.write(first, digits.rowRange(0, 3), NpyDtype.FLOAT64);
    CliRun run = CliRun.of("kernel", "--arch", "dense(1, w_std=1.5, b_std=0.1), gelu(), dense(1)",
        "--x1", first.toString(), "--x2", "digits", "--out-ntk", p("ntk.npy"));
    assertEquals(0, run.exitCode(), run.err());
    Matrix ntk = Npy.readMatrix(dir.resolve("ntk.npy"));
    assertEquals(3, ntk.rows());
    assertEquals(1797, ntk.cols());
    // The first rows of X2 are the first rows of X1, so that corner is symmetric.
    assertEquals(ntk.get(1, 2), ntk.get(2, 1), 1e-12 * Math.abs(ntk.get(1, 2)));
  }

  // ---- refusals: exit code 2, one line on stderr, nothing on stdout, no file created ----

  private void assertRefused(String fragment, String... args) throws IOException {
    String[] withOutputs = Stream.concat(Arrays.stream(args),
        Stream.of("--out-ntk", p("out-ntk.npy"), "--out-nngp", p("out-nngp.npy")))
        .toArray(String[]::new);
    CliRun run = CliRun.of(withOutputs);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("ntk4j: error: "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(fragment), run.err());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertTrue(names.stream().noneMatch(n -> n.contains("out-")), names.toString());
    }
  }

  private Path npy(String name, Matrix m) throws IOException {
    Path f = dir.resolve(name);
    Npy.write(f, m, NpyDtype.FLOAT64);
    return f;
  }

  @Test
  void unknownLayerAndArgument() throws IOException {
    assertRefused("column 20: unknown layer 'relux'", "kernel", "--arch",
        "dense(4, w_std=1), relux()", "--x1", aNpy.toString());
    assertRefused("dense", "kernel", "--arch", "dense(4, w_sd=1)", "--x1", aNpy.toString());
    assertRefused("Unknown options: '--depth', '3'", "kernel", "--arch", ARCH, "--x1",
        aNpy.toString(), "--depth", "3");
    assertRefused("Missing required option: '--arch=SPEC'", "kernel", "--x1", aNpy.toString());
    assertRefused("put a dense", "kernel", "--arch", "relu()", "--x1", aNpy.toString());
  }

  /** Rows and columns count from 1, as in the CSV messages' lines and columns. */
  @Test
  void nonFiniteValuesNameTheRow() throws IOException {
    Matrix bad = a.copy();
    bad.set(3, 2, Double.NaN);
    assertRefused("X1 (" + p("nan.npy") + ") has NaN at row 4, column 3", "kernel", "--arch",
        ARCH, "--x1", npy("nan.npy", bad).toString());
    Matrix inf = b.copy();
    inf.set(1, 0, Double.NEGATIVE_INFINITY);
    assertRefused("X2 (" + p("inf.npy") + ") has -Infinity at row 2, column 1", "kernel", "--arch", ARCH,
        "--x1", aNpy.toString(), "--x2", npy("inf.npy", inf).toString());
    Path csv = Files.writeString(dir.resolve("nan.csv"), "1,2\nnan,3\n");
    assertRefused("has NaN at row 2, column 1", "kernel", "--arch", ARCH, "--x1",
        csv.toString());
  }

  @Test
  void widthsMustAgree() throws IOException {
    assertRefused("has 5 columns and X2 (" + p("w.npy") + ") has 3", "kernel", "--arch", ARCH,
        "--x1", aNpy.toString(), "--x2", npy("w.npy", TestMatrices.gaussian(2, 3, 5)).toString());
  }

  @Test
  void emptyArrays() throws IOException {
    assertRefused("is empty (shape (0, 5))", "kernel", "--arch", ARCH, "--x1",
        npy("empty.npy", Matrix.zeros(0, 5)).toString());
    Path emptyCsv = Files.writeString(dir.resolve("empty.csv"), "");
    assertRefused("is empty", "kernel", "--arch", ARCH, "--x1", emptyCsv.toString());
  }

  @Test
  void unreadableTruncatedAndMissingFiles() throws IOException {
    byte[] full = Files.readAllBytes(aNpy);
    Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, full.length - 8));
    assertRefused(cut + ": truncated .npy file", "kernel", "--arch", ARCH, "--x1",
        cut.toString());
    Path foreign = Files.writeString(dir.resolve("foreign.npy"), "hello");
    assertRefused("not a .npy file", "kernel", "--arch", ARCH, "--x1", foreign.toString());
    assertRefused(p("missing.npy") + ": no such file", "kernel", "--arch", ARCH, "--x1",
        p("missing.npy"));
    Path cube = dir.resolve("cube.npy");
    Npy.write(cube, new NpyArray(new long[] {2, 2, 2}, new double[8]), NpyDtype.FLOAT64);
    assertRefused("expected a 1-D or 2-D array", "kernel", "--arch", ARCH, "--x1",
        cube.toString());
  }

  @Test
  void outputDirectoryMustExistAndOutputsDiffer() throws IOException {
    CliRun run = CliRun.of("kernel", "--arch", ARCH, "--x1", aNpy.toString(), "--out-ntk",
        p("no-such-dir/ntk.npy"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("does not exist; create it first"), run.err());
    assertTrue(Files.notExists(dir.resolve("no-such-dir")));
    CliRun same = CliRun.of("kernel", "--arch", ARCH, "--x1", aNpy.toString(), "--out-ntk",
        p("k.npy"), "--out-nngp", p("k.npy"));
    assertEquals(2, same.exitCode());
    assertTrue(same.err().contains("same file"), same.err());
    assertTrue(Files.notExists(dir.resolve("k.npy")));
  }

  @Test
  void badBackendPrecisionAndThreads() throws IOException {
    assertRefused("unknown backend 'tpu'; choose one of auto, java", "kernel", "--arch", ARCH,
        "--x1", aNpy.toString(), "--backend", "tpu");
    assertRefused("'float16' is not a precision", "kernel", "--arch", ARCH, "--x1",
        aNpy.toString(), "--precision", "float16");
    assertRefused("--threads must be at least 1", "kernel", "--arch", ARCH, "--x1",
        aNpy.toString(), "--threads", "0");
  }

  @Test
  void kernelsTooLargeForMemoryAreRefusedBeforeAnyWork() throws IOException {
    Path tall = npy("tall.npy", TestMatrices.gaussian(50_000, 1, 4));
    // The Java backend holds kernels in memory (auto would stream this job through PoCL), off
    // the heap: 2 x 50000² float64 is more than this machine has.
    assertRefused("this job needs 37.3 GiB (2 kernel(s) 50000x50000 float64", "kernel", "--arch",
        "dense(1), relu()", "--x1", tall.toString(), "--backend", "java");
  }

  @Test
  void anExistingOutputSurvivesAFailedRun() throws IOException {
    Path keep = Files.writeString(dir.resolve("keep.npy"), "old");
    CliRun run = CliRun.of("kernel", "--arch", "relu()", "--x1", aNpy.toString(), "--out-ntk",
        keep.toString());
    assertEquals(2, run.exitCode());
    assertEquals("old", Files.readString(keep));
  }
}
