package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.opencl.OpenClTestSupport;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.NpyTileSink;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileSinks;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark kernel job on {@code local[2]} (the driver and two task threads in this JVM): the
 * bytes of the single-process run of the same backend (the Java oracle; OpenCL, whose own tiles
 * differ from Spark's), for symmetric and rectangular requests, with edge tiles smaller than
 * the rest; a run that dies mid-way continues from what it finished.
 */
class SparkKernelBackendTest {
  private static final Architecture NET = Architecture.parse("dense(64, w_std=1.5, b_std=0.05),"
      + " relu(), dense(64, w_std=1.5, b_std=0.05), erf(), dense(1, w_std=1.2)");
  private static final String JOB = "test";
  private static SparkContext spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private SparkKernelBackend backend(Precision precision) {
    return new SparkKernelBackend(spark, SparkKernelOptions.defaults().withBackend("java")
        .withPrecision(precision).withTileEdge(128).withWorkDirectory(dir.resolve("work")));
  }

  @Test
  void symmetricNpyFilesAreTheBytesOfTheSingleProcessRun() throws Exception {
    KernelRequest request = KernelRequest.symmetric(NET, TestMatrices.gaussian(700, 24, 1));
    for (Precision p : Precision.values()) {
      assertSameFiles(request, p);
    }
  }

  @Test
  void openClTilesAreTheBytesOfTheSingleProcessOpenClRun() throws Exception {
    OpenClTestSupport.requireOpenCl();
    KernelRequest request = KernelRequest.symmetric(NET, TestMatrices.gaussian(500, 24, 9));
    for (Precision p : Precision.values()) {
      NpyDtype dtype = NpyDtype.of(p);
      Path reference = dir.resolve("ref-opencl.npy");
      try (TiledKernelBackend opencl = (TiledKernelBackend) Backends.standard().open("opencl",
              BackendOptions.defaults().withPrecision(p));
          TileSink sink = new NpyTileSink(reference, true, dtype, JOB, false)) {
        opencl.computeInto(request, sink, ProgressListener.NONE);
      }
      Path out = dir.resolve("spark-opencl.npy");
      try (SparkKernelBackend spark = new SparkKernelBackend(SparkKernelBackendTest.spark,
              SparkKernelOptions.defaults().withBackend("opencl").withPrecision(p)
                  .withTileEdge(128));
          TileSink sink = new NpyTileSink(out, true, dtype, JOB, false)) {
        spark.computeInto(request, sink, ProgressListener.NONE);
      }
      assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), p.cliName());
    }
  }

  @Test
  void rectangularNpyFilesAreTheBytesOfTheSingleProcessRun() throws Exception {
    KernelRequest request = KernelRequest.of(NET, TestMatrices.gaussian(300, 24, 2),
        TestMatrices.gaussian(450, 24, 3));
    assertSameFiles(request, Precision.FLOAT64);
  }

  @Test
  void inMemoryKernelsAndDiagonalsAreTheOracles() {
    KernelRequest request = new KernelRequest(NET, TestMatrices.gaussian(400, 24, 4),
        TestMatrices.gaussian(200, 24, 5), false, true);
    Kernels expected = new JavaBackend().compute(request);
    Kernels actual = backend(Precision.FLOAT64).compute(request);
    assertNull(actual.nngp());
    assertArrayEquals(expected.ntk().data(), actual.ntk().data());
    assertArrayEquals(expected.nngpDiag1(), actual.nngpDiag1());
    assertArrayEquals(expected.ntkDiag1(), actual.ntkDiag1());
    assertArrayEquals(expected.nngpDiag2(), actual.nngpDiag2());
    assertArrayEquals(expected.ntkDiag2(), actual.ntkDiag2());
    assertFalse(Files.exists(dir.resolve("work")), "the work directory it created is gone");
  }

  @Test
  void aDriverThatDiedMidwayResumesToTheSameBytesComputingOnlyWhatItLacked() throws Exception {
    KernelRequest request = KernelRequest.symmetric(NET, TestMatrices.gaussian(600, 24, 6));
    Path reference = dir.resolve("ref.npy");
    Kernels expected = new JavaBackend().compute(request);
    Npy.write(reference, expected.ntk(), NpyDtype.FLOAT64);
    Path out = dir.resolve("ntk.npy");
    Path work = dir.resolve("work");
    // The driver "dies" (the sink throws) at the fourth block: three blocks are in the file,
    // the fourth is in the manifest and on disk but not in the file, the rest never arrived.
    AtomicInteger accepted = new AtomicInteger();
    try (TileSink file = new NpyTileSink(out, true, NpyDtype.FLOAT64, JOB, false);
        SparkKernelBackend spark = backend(Precision.FLOAT64)) {
      TileSink dying = TileSinks.of(List.of(new TileSink() {
        @Override
        public void accept(Tile tile, TileValues nngp, TileValues ntk) {
          if (accepted.incrementAndGet() == 4) {
            throw new IllegalStateException("driver killed");
          }
        }
      }, file));
      assertThrows(IllegalStateException.class,
          () -> spark.computeInto(request, dying, ProgressListener.NONE));
    }
    assertFalse(Files.exists(out));
    Set<Integer> finished = entries(dir.resolve("ntk.npy.tiles"));
    Set<Integer> leftOver = entries(work.resolve("manifest"));
    leftOver.removeAll(finished);
    assertEquals(3, finished.size());
    assertEquals(1, leftOver.size());

    TileGrid grid = new TileGrid(600, 600, 128, true);
    List<WorkItem> lacking = grid.tiles().stream()
        .filter(t -> !finished.contains(t.index()) && !leftOver.contains(t.index()))
        .map(WorkItem::tile).collect(Collectors.toList());
    lacking.addAll(new Diagonals(600, 600, true, true).missing(List.copyOf(lacking), 128));
    // Two jobs: one task that opens the backend, then the work.
    TaskCounter tasks = new TaskCounter("resumed", 2);
    spark.addSparkListener(tasks);
    spark.setJobGroup("resumed", "the resumed run", false);
    Kernels diagonals;
    try (TileSink resumed = new NpyTileSink(out, true, NpyDtype.FLOAT64, JOB, true);
        SparkKernelBackend spark = backend(Precision.FLOAT64)) {
      diagonals = spark.computeInto(request, resumed, ProgressListener.NONE);
    } finally {
      spark.clearJobGroup();
      tasks.awaitJobEnds();
      spark.removeSparkListener(tasks);
    }
    assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out));
    assertEquals(1 + lacking.size(), tasks.ended.get(), "the backend check and tasks for the"
        + " tiles and diagonals it lacked, none for the block the first driver received");
    assertArrayEquals(expected.ntkDiag1(), diagonals.ntkDiag1());
    assertArrayEquals(expected.nngpDiag1(), diagonals.nngpDiag1());
    assertEquals(Set.of(), Set.of(work.toFile().list()), "blocks and manifest are deleted when"
        + " the job is done");
  }

  @Test
  void aBackendThatCannotRunOnTheExecutorsIsRefusedInOneLine() {
    SparkKernelBackend cuda = new SparkKernelBackend(spark,
        SparkKernelOptions.defaults().withBackend("cuda").withTileEdge(64));
    KernelRequest request = KernelRequest.symmetric(NET, TestMatrices.gaussian(100, 8, 7));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> cuda.compute(request));
    assertTrue(e.getMessage().startsWith("a Spark task failed: backend 'cuda' cannot run here"),
        e.getMessage());
  }

  @Test
  void theNameSaysWhichBackendTheExecutorsUsed() {
    SparkKernelBackend auto = new SparkKernelBackend(spark, SparkKernelOptions.defaults()
        .withTileEdge(64));
    assertEquals("spark local[2] (auto)", auto.name());
    auto.compute(KernelRequest.symmetric(NET, TestMatrices.gaussian(100, 8, 8)));
    assertTrue(auto.name().matches("spark local\\[2\\] \\((java|opencl)\\)"), auto.name());
  }

  /** The tile indices a journal or manifest lists (the first word of each line after the first). */
  private static Set<Integer> entries(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.subList(1, lines.size()).stream().map(l -> Integer.parseInt(l.split(" ")[0]))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** Counts the tasks of the jobs of one job group, until a number of them ended. */
  private static final class TaskCounter extends SparkListener {
    final AtomicInteger ended = new AtomicInteger();
    private final String group;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final Set<Integer> jobs = ConcurrentHashMap.newKeySet();
    private final CountDownLatch jobEnds;

    TaskCounter(String group, int jobs) {
      this.group = group;
      this.jobEnds = new CountDownLatch(jobs);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      if (group.equals(start.properties().getProperty("spark.jobGroup.id"))) {
        stages.addAll(CollectionConverters.asJava(start.stageIds()).stream()
            .map(id -> (Integer) id).toList());
        jobs.add(start.jobId());
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (stages.contains(end.stageId())) {
        ended.incrementAndGet();
      }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      if (jobs.contains(end.jobId())) {
        jobEnds.countDown();
      }
    }

    /** Task ends come before their job's end on the listener bus. */
    void awaitJobEnds() throws InterruptedException {
      assertTrue(jobEnds.await(30, TimeUnit.SECONDS), "Spark reported no end of the jobs");
    }
  }

  private void assertSameFiles(KernelRequest request, Precision precision) throws Exception {
    NpyDtype dtype = NpyDtype.of(precision);
    Kernels expected = new JavaBackend().compute(request);
    Path refNngp = dir.resolve("ref-nngp.npy");
    Path refNtk = dir.resolve("ref-ntk.npy");
    Npy.write(refNngp, expected.nngp(), dtype);
    Npy.write(refNtk, expected.ntk(), dtype);
    Path nngp = dir.resolve("nngp.npy");
    Path ntk = dir.resolve("ntk.npy");
    try (SparkKernelBackend spark = backend(precision);
        TileSink sink = TileSinks.of(List.of(new NpyTileSink(nngp, false, dtype, JOB, false),
            new NpyTileSink(ntk, true, dtype, JOB, false)))) {
      spark.computeInto(request, sink, ProgressListener.NONE);
    }
    assertArrayEquals(Files.readAllBytes(refNngp), Files.readAllBytes(nngp), precision + " NNGP");
    assertArrayEquals(Files.readAllBytes(refNtk), Files.readAllBytes(ntk), precision + " NTK");
  }
}
