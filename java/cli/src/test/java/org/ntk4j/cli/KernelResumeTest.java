package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.opencl.OpenClBackendProvider;
import org.ntk4j.backend.opencl.OpenClKernelBackend;
import org.ntk4j.backend.opencl.OpenClSettings;
import org.ntk4j.backend.opencl.OpenClTestSupport;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * {@code ntk4j kernel --out-ntk big.npy --resume}: a run stopped mid-way (a child JVM, sent
 * SIGTERM, which says how to continue; its resumption then killed with SIGKILL) leaves a partial
 * file and a tile journal but nothing at the target; the resumed run finishes the missing tiles
 * and yields the same bytes as an uninterrupted run.
 */
class KernelResumeTest {
  private static final String ARCH = "dense(64, w_std=1.5, b_std=0.05), relu(),"
      + " dense(64, w_std=1.5, b_std=0.05), relu(), dense(1)";
  private static final int N = 1400;
  private static final String EDGE = "32";

  @TempDir Path dir;
  private String savedEdge;

  @BeforeEach
  void smallTiles() {
    OpenClTestSupport.requireOpenCl();
    savedEdge = System.getProperty(OpenClBackendProvider.MAX_TILE_EDGE_PROPERTY);
    System.setProperty(OpenClBackendProvider.MAX_TILE_EDGE_PROPERTY, EDGE);
  }

  @AfterEach
  void restore() {
    if (savedEdge == null) {
      System.clearProperty(OpenClBackendProvider.MAX_TILE_EDGE_PROPERTY);
    } else {
      System.setProperty(OpenClBackendProvider.MAX_TILE_EDGE_PROPERTY, savedEdge);
    }
  }

  @Test
  void killedRunResumesToTheSameBytes() throws Exception {
    Path x = dir.resolve("x.npy");
    Matrix inputs = inputs();
    Npy.write(x, inputs, NpyDtype.FLOAT64);
    Path refNtk = dir.resolve("ref-ntk.npy");
    Path refNngp = dir.resolve("ref-nngp.npy");
    CliRun ref = CliRun.of(args(x, refNngp, refNtk));
    assertEquals(0, ref.exitCode(), ref.err());

    Path ntk = dir.resolve("big.npy");
    Path nngp = dir.resolve("big-nngp.npy");
    Path journal = dir.resolve("big.npy.tiles");
    Path log = dir.resolve("child.log");
    Process child = child(args(x, nngp, ntk), log);
    try {
      waitForTiles(child, journal, 5, log);
    } finally {
      child.destroy();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    String said = Files.readString(log);
    assertTrue(said.contains("ntk4j: note: interrupted: the finished tiles stay in " + dir
        .resolve("big-nngp.npy.partial") + " and " + dir.resolve("big.npy.partial")
        + "; run the same command with --resume to continue"), said);
    Process again = child(with(args(x, nngp, ntk), "--resume"), log);
    try {
      waitForTiles(again, journal, 12, log);
    } finally {
      again.destroyForcibly();
      again.waitFor(30, TimeUnit.SECONDS);
    }
    assertFalse(Files.exists(ntk), "a killed run leaves nothing at the target");
    assertTrue(Files.exists(dir.resolve("big.npy.partial")));

    CliRun resumed = CliRun.of(with(args(x, nngp, ntk), "--resume"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertArrayEquals(Files.readAllBytes(refNtk), Files.readAllBytes(ntk));
    assertArrayEquals(Files.readAllBytes(refNngp), Files.readAllBytes(nngp));
    assertFalse(Files.exists(journal), "the journal is removed once the file is complete");
    assertFalse(Files.exists(dir.resolve("big.npy.partial")));
  }

  @Test
  void streamedFileEqualsTheInMemoryKernel() throws Exception {
    Path x = dir.resolve("x.npy");
    Matrix inputs = inputs();
    Matrix small = new Matrix(150, inputs.cols(),
        java.util.Arrays.copyOf(inputs.data(), 150 * inputs.cols()));
    Npy.write(x, small, NpyDtype.FLOAT64);
    Path ntk = dir.resolve("ntk.npy");
    Path nngp = dir.resolve("nngp.npy");
    CliRun run = CliRun.of(args(x, nngp, ntk));
    assertEquals(0, run.exitCode(), run.err());
    try (OpenClKernelBackend b = new OpenClKernelBackend(
        OpenClSettings.defaults().withMaxTileEdge(Integer.parseInt(EDGE)))) {
      Kernels k = b.compute(KernelRequest.symmetric(Architecture.parse(ARCH), small));
      assertArrayEquals(k.ntk().data(), Npy.readMatrix(ntk).data(), 0.0);
      assertArrayEquals(k.nngp().data(), Npy.readMatrix(nngp).data(), 0.0);
    }
  }

  @Test
  void resumeRefusesTheJavaBackend() throws Exception {
    Path x = dir.resolve("x.npy");
    Npy.write(x, Matrix.of(new double[] {1, 2}, new double[] {3, 4}), NpyDtype.FLOAT64);
    CliRun run = CliRun.of("kernel", "--backend", "java", "--arch", ARCH, "--x1", x.toString(),
        "--out-ntk", dir.resolve("k.npy").toString(), "--resume");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--resume needs"), run.err());
  }

  private static Process child(String[] args, Path log) throws java.io.IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + OpenClBackendProvider.MAX_TILE_EDGE_PROPERTY + "=" + EDGE,
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private static void waitForTiles(Process child, Path journal, int tiles, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.exists(journal)) {
        long lines = Files.readString(journal, StandardCharsets.UTF_8).chars()
            .filter(c -> c == '\n').count();
        if (lines > tiles) {
          return;
        }
      }
      if (!child.isAlive()) {
        fail("the child run ended (exit " + child.exitValue() + ") before it could be killed: "
            + Files.readString(log));
      }
      Thread.sleep(5);
    }
    fail("the child run wrote no tiles within 120 s");
  }

  private static String[] args(Path x, Path nngp, Path ntk) {
    return new String[] {"kernel", "--backend", "opencl", "--arch", ARCH, "--x1", x.toString(),
        "--out-nngp", nngp.toString(), "--out-ntk", ntk.toString()};
  }

  private static String[] with(String[] args, String extra) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = extra;
    return out;
  }

  private static Matrix inputs() {
    Random r = new Random(11);
    Matrix m = Matrix.zeros(N, 20);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = r.nextGaussian();
    }
    return m;
  }
}
