package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.opencl.OpenClKernelBackend;
import org.ntk4j.backend.opencl.OpenClSettings;
import org.ntk4j.backend.opencl.OpenClTestSupport;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.JobFingerprint;
import org.ntk4j.kernel.tile.NpyTileSink;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * What interrupted device runs leave ({@code k.npy.partial}, {@code k.npy.tiles} with 2 of 6
 * tiles) meets the next run: --resume finishes it; a run without --resume refuses to throw
 * away this job's tiles but clears another job's; a damaged journal is refused with the fix
 * (it used to fail as an internal error: NumberFormatException, IllegalStateException); a
 * journal another run holds is refused.
 */
class TileJournalTest {
  private static final String ARCH = "dense(16, w_std=1.5, b_std=0.05), relu(), dense(1)";

  @TempDir Path dir;
  private Path x;
  private Path k;
  private Path journal;

  @BeforeEach
  void interruptedRun() throws Exception {
    OpenClTestSupport.requireOpenCl();
    Matrix inputs = TestMatrices.gaussian(150, 5, 4);
    x = dir.resolve("x.npy");
    Npy.write(x, inputs, NpyDtype.FLOAT64);
    k = dir.resolve("k.npy");
    journal = dir.resolve("k.npy.tiles");
    KernelRequest request = new KernelRequest(Architecture.parse(ARCH), inputs, null, false,
        true);
    String job = JobFingerprint.of(request, "float64");
    try (OpenClKernelBackend backend = new OpenClKernelBackend(
        OpenClSettings.defaults().withMaxTileEdge(64));
        NpyTileSink sink = new NpyTileSink(k, true, NpyDtype.FLOAT64, job, false)) {
      assertThrows(Interrupted.class,
          () -> backend.computeInto(request, new StopAfter(sink, 2), ProgressListener.NONE));
    }
    assertEquals(3, Files.readAllLines(journal).size(), "header and 2 tiles");
  }

  private CliRun kernel(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("kernel", "--backend", "opencl",
        "--arch", ARCH, "--x1", x.toString(), "--out-ntk", k.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private void assertRefused(CliRun run, String fragment) {
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("ntk4j: error: ") && run.err().contains(fragment),
        run.err());
  }

  @Test
  void resumeFinishesTheSameBytesAndForgettingItLosesNothing() throws Exception {
    assertRefused(kernel(), "k.npy.tiles holds 2 finished tiles of this same job from an"
        + " interrupted run: add --resume");
    assertTrue(Files.exists(journal));
    CliRun resumed = kernel("--resume");
    assertEquals(0, resumed.exitCode(), resumed.err());
    byte[] result = Files.readAllBytes(k);
    Files.delete(k);
    CliRun fresh = kernel();
    assertEquals(0, fresh.exitCode(), fresh.err());
    assertArrayEquals(Files.readAllBytes(k), result);
  }

  @Test
  void anotherJobsLeftoversAreRemovedWithANote() throws Exception {
    CliRun run = CliRun.of("kernel", "--backend", "opencl", "--arch", "dense(16), erf(),"
        + " dense(1)", "--x1", x.toString(), "--out-ntk", k.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().lines().anyMatch(l -> l.equals(Notice.PREFIX + "removed " + k
        + ".partial and .tiles, left by an interrupted run of another job")), run.err());
    assertFalse(Files.exists(journal));
    assertFalse(Files.exists(dir.resolve("k.npy.partial")));
  }

  @Test
  void damagedJournalsAreRefusedWithTheFix() throws Exception {
    String good = Files.readString(journal, StandardCharsets.ISO_8859_1);
    String header = good.substring(0, good.indexOf('\n'));
    String[][] damages = {
        {"\u0000\u00ff\u0001 garbage\n3\n", "is damaged (it is not an ntk4j tile journal)"},
        {good.replace(" edge=64 ", " edge=abc "), "is damaged (its tile edge 'abc' is not a"
            + " positive number)"},
        {good + "abc\n", "is damaged (line 4, 'abc', is not one of its 6 tiles)"},
        {good + "999\n", "is damaged (line 4, '999', is not one of its 6 tiles)"},
        {header.replace(" edge=64 ", " edge=7 ") + "\n", "a tile edge of 7, not a multiple of 8"},
        {header.replace(" edge=64 ", " edge= ") + "\n", "is damaged (its tile edge '' is not"},
    };
    for (String[] d : damages) {
      Files.writeString(journal, d[0], StandardCharsets.ISO_8859_1);
      assertRefused(kernel("--resume"), d[1]);
      assertRefused(kernel("--resume"), "delete");
      assertFalse(Files.exists(k));
    }
  }

  @Test
  void aJournalHeldByARunningJobIsRefused() throws Exception {
    try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      assertRefused(kernel("--resume"), "another ntk4j run is writing " + k);
      assertRefused(kernel(), "another ntk4j run is writing " + k);
    }
    assertTrue(Files.exists(journal));
  }

  /** Thrown by {@link StopAfter}, standing for a run killed after some tiles. */
  private static final class Interrupted extends RuntimeException {}

  /** Passes the first {@code tiles} tiles on, then stops the run as a kill would. */
  private static final class StopAfter implements TileSink {
    private final TileSink sink;
    private int left;

    StopAfter(TileSink sink, int tiles) {
      this.sink = sink;
      this.left = tiles;
    }

    @Override
    public void begin(TileGrid grid) {
      sink.begin(grid);
    }

    @Override
    public java.util.Set<Integer> finishedTiles() {
      return sink.finishedTiles();
    }

    @Override
    public void accept(Tile tile, TileValues nngp, TileValues ntk) {
      if (left-- == 0) {
        throw new Interrupted();
      }
      sink.accept(tile, nngp, ntk);
    }
  }
}
