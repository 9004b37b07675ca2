package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;

/**
 * {@code ntk4j predict --spark-master}: the iterative solver over kernel panels on the Spark
 * executors gives the single-process outputs and says where the panels are; options that make
 * no sense with it are refused in one line.
 */
class PredictSparkTest {
  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void digits() throws IOException {
    PredictFiles.writeDigits(dir);
  }

  private String[] predict(String... extra) {
    return PredictFiles.predictArgs(dir, Stream.concat(Stream.of("--t", "10,inf", "--backend",
        "java"), Arrays.stream(extra)).toArray(String[]::new));
  }

  private double relativeError(String file, String reference) throws IOException {
    return PredictFiles.relativeError(Npy.read(dir.resolve(file)).data(),
        Npy.read(dir.resolve(reference)).data());
  }

  @Test
  void sparkLocalTwoPredictsWhatTheSingleProcessSolversDoAndSaysWhereThePanelsAre()
      throws IOException {
    CliRun direct = CliRun.of(predict("--solver", "direct", "--out-mean", p("direct.npy")));
    // 300 rows in panels of 64: the last one holds 44.
    CliRun cached = CliRun.of(predict("--spark-master", "local[2]", "--spark-tile", "64",
        "--tolerance", "1e-10", "--out-mean", p("cached.npy"), "--out-train",
        p("cachedTrain.npy")));
    CliRun recomputed = CliRun.of(predict("--spark-master", "local[2]", "--recompute-kernel",
        "--tolerance", "1e-10", "--out-mean", p("recomputed.npy")));
    for (CliRun run : List.of(direct, cached, recomputed)) {
      assertEquals(0, run.exitCode(), run.err());
    }
    assertTrue(cached.out().startsWith("solver: iterative (--spark-master: the kernel's row"
        + " panels stay on the executors, so the iterative solver runs)"), cached.out());
    assertTrue(cached.out().contains("  train kernel on Spark local[2] (backend java): 5 row"
        + " panels of 64 rows on 1 executor, cached in their memory: "), cached.out());
    assertTrue(cached.out().contains("; panels computed 5 times"), cached.out());
    assertTrue(cached.out().contains("conjugate gradients:")
        && cached.out().contains("block Lanczos:"), cached.out());
    assertTrue(recomputed.out().contains("1 executor, recomputed for every product (as asked)"),
        recomputed.out());
    assertTrue(relativeError("cached.npy", "direct.npy") < 1e-6);
    assertTrue(relativeError("recomputed.npy", "direct.npy") < 1e-6);
    assertTrue(Files.exists(dir.resolve("cachedTrain.npy")));
  }

  @Test
  void optionsThatMakeNoSenseOnSparkAreRefusedInOneLineWithNothingWritten() throws Exception {
    String[][] cases = {
        {"--spark-master", "local[2]", "--solver", "direct"},
        {"--spark-master", "local[2]", "--spark-work-dir", p("work")},
        {"--spark-master", "local[2]", "--threads", "2"},
        {"--spark-master", "local[2]", "--spark-tile", "100"},
        {"--spark-tile", "64"},
        {"--spark-master", "local[2]", "--mode", "ensemble", "--out-cov", p("cov.npy")},
    };
    String[] messages = {
        "--solver direct factors the whole kernel on this machine, but with --spark-master the"
            + " kernel stays on the executors",
        "--spark-work-dir applies to kernel only",
        "--threads does not apply with --spark-master",
        "--spark-tile (the rows of a kernel panel) must be a multiple of 64, got 100",
        "--spark-tile and --spark-work-dir apply only with --spark-master",
        "--spark-master runs the iterative solver, which cannot run this prediction:"
            + " covariances (--out-cov) need the dense kernel"};
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new ArrayList<>(List.of(predict("--out-mean", p("never.npy"))));
      args.addAll(List.of(cases[i]));
      assertRefused(CliRun.of(args.toArray(String[]::new)), messages[i],
          String.join(" ", cases[i]));
    }
    Npy.write(dir.resolve("k.npy"), Npy.readMatrix(dir.resolve("xtr.npy")), NpyDtype.FLOAT64);
    assertRefused(CliRun.of("predict", "--k-train", p("k.npy"), "--y-train", p("ytr.npy"),
        "--spark-master", "local[2]", "--out-train", p("never.npy")), "--spark-master computes"
        + " the kernel on the executors from --arch and --x-train, but --k-train kernels are"
        + " files read on this machine", "--k-train");
  }

  private void assertRefused(CliRun run, String message, String what) {
    assertEquals(2, run.exitCode(), what + ": " + run.err());
    assertTrue(run.err().startsWith("ntk4j: error: ") && run.err().contains(message),
        what + ": " + run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertFalse(Files.exists(dir.resolve("never.npy")), what);
  }
}
