package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/** {@code predict --solver}: the iterative path gives the direct path's outputs, and says so. */
class PredictSolverTest {
  private static final String NET = PredictFiles.NET;

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void digits() throws IOException {
    PredictFiles.writeDigits(dir);
  }

  private String[] predict(String... extra) {
    return PredictFiles.predictArgs(dir, extra);
  }

  private double[] mean(String file) throws IOException {
    return Npy.read(dir.resolve(file)).data();
  }

  private static double relativeError(double[] a, double[] ref) {
    return PredictFiles.relativeError(a, ref);
  }

  @Test
  void iterativeEqualsDirectAtEveryTimeAndSaysWhatItDid() throws IOException {
    String[] times = {"--t", "0,1,10,100,1000,inf"};
    CliRun direct = CliRun.of(predict(concat(times, "--solver", "direct", "--out-mean",
        p("direct.npy"), "--out-train", p("directTrain.npy"))));
    assertEquals(0, direct.exitCode(), direct.err());
    assertTrue(direct.out().startsWith("solver: direct (asked for"), direct.out());
    CliRun iterative = CliRun.of(predict(concat(times, "--solver", "iterative", "--tolerance",
        "1e-10", "--out-mean", p("it.npy"), "--out-train", p("itTrain.npy"),
        "--plot-convergence", p("conv.png"))));
    assertEquals(0, iterative.exitCode(), iterative.err());
    assertTrue(iterative.out().contains("block Lanczos:")
        && iterative.out().contains("conjugate gradients:")
        && iterative.out().contains("pivoted Cholesky"), iterative.out());
    assertTrue(relativeError(mean("it.npy"), mean("direct.npy")) < 1e-6);
    assertTrue(relativeError(mean("itTrain.npy"), mean("directTrain.npy")) < 1e-6);
    byte[] png = Files.readAllBytes(dir.resolve("conv.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    CliRun recomputed = CliRun.of(predict(concat(times, "--solver", "iterative",
        "--recompute-kernel", "--tolerance", "1e-10", "--out-mean", p("fly.npy"))));
    assertEquals(0, recomputed.exitCode(), recomputed.err());
    assertTrue(relativeError(mean("fly.npy"), mean("direct.npy")) < 1e-6);
    // Under auto, --recompute-kernel (never store the kernel) chooses the iterative solver.
    CliRun autoRecomputed = CliRun.of(predict(concat(times, "--recompute-kernel",
        "--tolerance", "1e-10", "--out-mean", p("autoFly.npy"))));
    assertEquals(0, autoRecomputed.exitCode(), autoRecomputed.err());
    assertTrue(autoRecomputed.out().startsWith("solver: iterative (--recompute-kernel"),
        autoRecomputed.out());
    assertTrue(relativeError(mean("autoFly.npy"), mean("direct.npy")) < 1e-6);
    CliRun steps = CliRun.of(predict("--steps", "0,10,1000", "--learning-rate", "10",
        "--solver", "iterative", "--tolerance", "1e-10", "--out-mean", p("steps.npy")));
    CliRun stepsDirect = CliRun.of(predict("--steps", "0,10,1000", "--learning-rate", "10",
        "--solver", "direct", "--out-mean", p("stepsDirect.npy")));
    assertEquals(0, steps.exitCode(), steps.err());
    assertEquals(0, stepsDirect.exitCode(), stepsDirect.err());
    assertTrue(relativeError(mean("steps.npy"), mean("stepsDirect.npy")) < 1e-6);
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  void storedFloat32KernelsAreReadFromTheFileAndAutoSaysWhyItChose() throws IOException {
    Architecture a = Architecture.parse(NET);
    Matrix xtr = Npy.readMatrix(dir.resolve("xtr.npy"));
    Matrix xte = Npy.readMatrix(dir.resolve("xte.npy"));
    Kernels train = new JavaBackend(2).compute(new KernelRequest(a, xtr, null, false, true));
    Kernels test = new JavaBackend(2).compute(new KernelRequest(a, xte, xtr, false, true));
    Npy.write(dir.resolve("k.npy"), train.ntk(), NpyDtype.FLOAT32);
    Npy.write(dir.resolve("kt.npy"), test.ntk(), NpyDtype.FLOAT32);
    String[] files = {"predict", "--k-train", p("k.npy"), "--k-test-train", p("kt.npy"),
        "--y-train", p("ytr.npy"), "--y-test", p("yte.npy"), "--t", "10,inf", "--diag-reg",
        "1e-4"};
    CliRun direct = CliRun.of(concat(files, "--solver", "direct", "--out-mean", p("d.npy")));
    CliRun iterative = CliRun.of(concat(files, "--solver", "iterative", "--tolerance", "1e-10",
        "--out-mean", p("i.npy")));
    CliRun auto = CliRun.of(concat(files, "--out-mean", p("a.npy")));
    assertEquals(0, direct.exitCode(), direct.err());
    assertEquals(0, iterative.exitCode(), iterative.err());
    assertEquals(0, auto.exitCode(), auto.err());
    // The direct path reads the same float32 values into float64: the same kernel.
    assertTrue(relativeError(mean("i.npy"), mean("d.npy")) < 1e-6);
    assertTrue(auto.out().startsWith("solver: direct (estimated "), auto.out());
    assertArrayEquals(new long[] {2, 120, 10}, Npy.read(dir.resolve("a.npy")).shape());
  }

  /**
   * 200000 training examples: the direct plan cannot fit, so auto iterates; a float64 kernel of
   * 200000² (320 GB) does not fit either, so that is refused before any work, with the fixes.
   */
  @Test
  void aJobNeitherSolverCanHoldIsRefusedUpFrontWithTheIterativeFixes() throws IOException {
    Npy.write(dir.resolve("hx.npy"), TestMatrices.gaussian(200_000, 1, 7), NpyDtype.FLOAT64);
    Npy.write(dir.resolve("hy.npy"), TestMatrices.gaussian(200_000, 1, 8), NpyDtype.FLOAT64);
    long start = System.nanoTime();
    CliRun run = CliRun.of("predict", "--arch", NET, "--x-train", p("hx.npy"), "--y-train",
        p("hy.npy"), "--t", "inf");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("train-train kernel 200000x200000 298.02 GiB")
        && run.err().contains("--precision float32") && run.err().contains("--k-train K.npy")
        && run.err().contains("--recompute-kernel"), run.err());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before the work");
  }

  @Test
  void optionsTheChosenSolverCannotHonourAreRefusedBeforeAnyWork() throws IOException {
    CliRun tolWithDirect = CliRun.of(predict("--solver", "direct", "--tolerance", "1e-6"));
    assertEquals(2, tolWithDirect.exitCode());
    assertTrue(tolWithDirect.err().contains("--solver iterative"), tolWithDirect.err());
    CliRun cov = CliRun.of(predict("--mode", "ensemble", "--t", "1", "--solver", "iterative",
        "--out-cov", p("never.npy")));
    assertEquals(2, cov.exitCode());
    assertTrue(cov.err().contains("covariances") && cov.err().contains("--solver direct"),
        cov.err());
    CliRun plotDirect = CliRun.of(predict("--plot-convergence", p("never.png")));
    assertEquals(2, plotDirect.exitCode());
    assertTrue(plotDirect.err().contains("--solver iterative"), plotDirect.err());
    CliRun limit = CliRun.of(predict("--solver", "iterative", "--max-iterations", "2",
        "--preconditioner-rank", "0", "--out-mean", p("never.npy")));
    assertEquals(2, limit.exitCode());
    assertTrue(limit.err().contains("stopped after 2 iterations"), limit.err());
    Npy.write(dir.resolve("k3.npy"), new NpyArray(new long[] {2, 2, 2}, new double[8]),
        NpyDtype.FLOAT64);
    CliRun notKernel = CliRun.of("predict", "--k-train", p("k3.npy"), "--y-train", p("ytr.npy"),
        "--solver", "iterative");
    assertEquals(2, notKernel.exitCode());
    Matrix x = Npy.readMatrix(dir.resolve("xtr.npy"));
    Matrix other = Npy.readMatrix(dir.resolve("xte.npy"));
    Matrix notSymmetric = new JavaBackend(2).compute(new KernelRequest(Architecture.parse(NET),
        x, new Matrix(300, x.cols(), Arrays.copyOf(other.data(), 300 * x.cols())),
        false, true)).ntk();
    Npy.write(dir.resolve("ksq.npy"), notSymmetric, NpyDtype.FLOAT32);
    CliRun asymmetric = CliRun.of("predict", "--k-train", p("ksq.npy"), "--y-train",
        p("ytr.npy"), "--solver", "iterative");
    assertEquals(2, asymmetric.exitCode());
    assertTrue(asymmetric.err().contains("not symmetric"), asymmetric.err());
    CliRun recompute = CliRun.of("predict", "--k-train", p("xtr.npy"), "--y-train",
        p("ytr.npy"), "--recompute-kernel");
    assertEquals(2, recompute.exitCode());
    assertFalse(Files.exists(dir.resolve("never.npy")));
    assertFalse(Files.exists(dir.resolve("never.png")));
  }
}
