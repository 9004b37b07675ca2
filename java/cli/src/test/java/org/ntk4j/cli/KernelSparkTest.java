package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.linalg.TestMatrices;

/**
 * {@code ntk4j kernel --spark-master}: the Spark job writes the bytes of the single-process
 * run; its options are refused in one line where they do not fit.
 */
class KernelSparkTest {
  private static final String ARCH = "dense(512, w_std=1.5, b_std=0.05), relu(),"
      + " dense(512, w_std=1.5, b_std=0.05), relu(), dense(1, w_std=1.5, b_std=0.05)";

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void sparkLocalTwoWritesTheBytesOfTheSingleProcessRunAtN3000() throws Exception {
    Path x = dir.resolve("x.npy");
    Npy.write(x, TestMatrices.gaussian(3000, 64, 3000), NpyDtype.FLOAT64);
    CliRun single = CliRun.of("kernel", "--arch", ARCH, "--x1", x.toString(), "--backend",
        "java", "--out-nngp", p("nngp.npy"), "--out-ntk", p("ntk.npy"));
    assertEquals(0, single.exitCode(), single.err());
    CliRun spark = CliRun.of("kernel", "--arch", ARCH, "--x1", x.toString(), "--backend",
        "java", "--spark-master", "local[2]", "--out-nngp", p("spark-nngp.npy"), "--out-ntk",
        p("spark-ntk.npy"));
    assertEquals(0, spark.exitCode(), spark.err());
    assertTrue(spark.out().startsWith("NNGP+NTK (3000, 3000) float64 on spark local[2] (java):"),
        spark.out());
    assertArrayEquals(Files.readAllBytes(dir.resolve("nngp.npy")),
        Files.readAllBytes(dir.resolve("spark-nngp.npy")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("ntk.npy")),
        Files.readAllBytes(dir.resolve("spark-ntk.npy")));
    assertFalse(Files.exists(dir.resolve("spark-nngp.npy.blocks")), "the block directory is"
        + " removed");
  }

  @Test
  void csvOutputsAreAssembledInMemoryThroughATemporaryWorkDirectory() throws Exception {
    long temporaries = temporaryWorkDirectories();
    Path x = dir.resolve("x.npy");
    Npy.write(x, TestMatrices.gaussian(200, 8, 1), NpyDtype.FLOAT64);
    CliRun single = CliRun.of("kernel", "--arch", ARCH, "--x1", x.toString(), "--backend",
        "java", "--out-ntk", p("ntk.csv"));
    CliRun spark = CliRun.of("kernel", "--arch", ARCH, "--x1", x.toString(), "--backend",
        "java", "--spark-master", "local[2]", "--spark-tile", "64", "--out-ntk",
        p("spark-ntk.csv"));
    assertEquals(0, single.exitCode(), single.err());
    assertEquals(0, spark.exitCode(), spark.err());
    assertEquals(Files.readString(dir.resolve("ntk.csv")),
        Files.readString(dir.resolve("spark-ntk.csv")));
    assertEquals(temporaries, temporaryWorkDirectories(), "the temporary work directory is gone");
  }

  private static long temporaryWorkDirectories() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("ntk4j-blocks-")).count();
    }
  }

  @Test
  void badSparkOptionsAreRefusedInOneLineWithNothingWritten() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String[][] cases = {
        {"--spark-master", "local[2]", "--spark-tile", "100"},
        {"--spark-tile", "64"},
        {"--spark-work-dir", p("work")},
        {"--spark-master", "local[2]", "--threads", "2"},
        {"--spark-master", "nowhere://x"},
        {"--spark-master", "spark://127.0.0.1:" + closedPort},
        {"--spark-master"},
    };
    String[] messages = {"--spark-tile must be a multiple of 64", "apply only with"
        + " --spark-master", "apply only with --spark-master", "--threads does not apply",
        "cannot start Spark with master 'nowhere://x'", "cannot reach the Spark master at"
        + " 127.0.0.1:" + closedPort, "--spark-master without a URL takes the master of"
        + " spark-submit, but this JVM was not started by spark-submit"};
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new ArrayList<>(List.of("kernel", "--arch", ARCH, "--x1", "digits",
          "--out-ntk", p("k.npy")));
      args.addAll(List.of(cases[i]));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, run.exitCode(), String.join(" ", cases[i]) + ": " + run.err());
      assertTrue(run.err().startsWith("ntk4j: error: ") && run.err().contains(messages[i]),
          String.join(" ", cases[i]) + ": " + run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertFalse(Files.exists(dir.resolve("k.npy")));
    }
  }
}
