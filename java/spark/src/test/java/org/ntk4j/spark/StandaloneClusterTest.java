package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.NpyTileSink;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.krylov.KrylovSettings;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.PredictionOperators;
import org.ntk4j.predict.PredictionResults;
import org.ntk4j.predict.PredictionSpec;
import org.ntk4j.predict.Predictor;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.stax.Architecture;

/**
 * A real Spark standalone cluster (a master and two workers, child JVMs on 127.0.0.1) runs the
 * kernel job; one worker is killed, with its executor, while that executor computes a tile and
 * after it finished another. Spark runs the lost task again on the other executor, nothing the
 * killed one finished is computed again, and the output is the single-process run's bytes.
 * Every task is given its worker's GPU by Spark and passes its address on as the device.
 * Then, on a fresh cluster, a prediction whose kernel panels are cached on the two executors:
 * one worker is killed during a product, its panels are computed again by the other executor
 * from the RDD's lineage, and the prediction is the single-machine solver's to 1e-6.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StandaloneClusterTest {
  private static final Architecture NET = Architecture.parse(
      "dense(512, w_std=1.5, b_std=0.05), relu(), dense(512, w_std=1.5, b_std=0.05), relu(),"
          + " dense(512, w_std=1.5, b_std=0.05), relu(), dense(512, w_std=1.5, b_std=0.05),"
          + " relu(), dense(512, w_std=1.5, b_std=0.05), relu(), dense(1, w_std=1.5)");
  private static final int N = 3000;
  private static final int D = 784;
  private static final int EDGE = 512;
  private static final long EXECUTORS_TIMEOUT_MS = 120_000;

  /** The predict job: N not a multiple of the panel height (7 panels of 128 rows and 104). */
  private static final Architecture SMALL_NET = Architecture.parse(
      "dense(256, w_std=1.5, b_std=0.05), relu(), dense(256, w_std=1.5, b_std=0.05), relu(),"
          + " dense(1, w_std=1.5)");
  private static final int PREDICT_N = 1000;
  private static final int PANEL = 128;
  /** The product job during which a worker is killed (one of the Lanczos basis's). */
  private static final int KILL_AT_PRODUCT = 3;

  @TempDir Path dir;

  @Test
  void aKilledWorkerCostsOnlyTheTileItWasComputingAndTheBytesAreTheSame() throws Exception {
    KernelRequest request = new KernelRequest(NET, TestMatrices.gaussian(N, D, 12), null, false,
        true);
    Path reference = dir.resolve("reference.npy");
    Npy.write(reference, new JavaBackend().compute(request).ntk(), NpyDtype.FLOAT64);
    Path out = dir.resolve("ntk.npy");
    int tiles = new TileGrid(N, N, EDGE, true).tiles().size();

    try (StandaloneCluster cluster = new StandaloneCluster(dir.resolve("cluster"), 2)) {
      SparkContext spark = new SparkContext(cluster.driverConf("ntk4j-cluster-test"));
      try {
        awaitExecutors(spark, 2, cluster);
        WorkerKiller killer = new WorkerKiller(spark.applicationId(), cluster, tiles);
        spark.addSparkListener(killer);
        SparkKernelOptions options = SparkKernelOptions.defaults().withBackend("java")
            .withPrecision(Precision.FLOAT64).withTileEdge(EDGE)
            .withWorkDirectory(dir.resolve("work"));
        String name;
        try (SparkKernelBackend backend = new SparkKernelBackend(spark, options);
            TileSink sink = new NpyTileSink(out, true, NpyDtype.FLOAT64, "cluster", false)) {
          backend.computeInto(request, sink, ProgressListener.NONE);
          name = backend.name();
        }
        killer.awaitJobEnd();
        System.out.println("standalone cluster: " + killer);

        String why = killer + "\n" + cluster.logs();
        assertTrue(killer.victim != null, "no worker was killed: " + why);
        assertTrue(killer.failed.size() >= 1, "the killed executor's task failed: " + why);
        for (SparkListenerTaskEnd f : killer.failed) {
          assertEquals(killer.victim, f.taskInfo().executorId(), why);
          assertTrue(f.reason() instanceof ExecutorLostFailure, f.reason() + why);
        }
        assertEquals(tiles, killer.succeeded.size(), "every tile succeeded once: " + why);
        for (Map.Entry<Integer, String> s : killer.succeeded.entrySet()) {
          if (s.getValue().equals(killer.victim)) {
            assertEquals(1, killer.attempts.get(s.getKey()).get(), "tile " + s.getKey()
                + ", finished by the killed executor, ran again: " + why);
          }
        }
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out));
        assertEquals("spark " + cluster.masterUrl() + " (java; tasks given GPUs 0, 1)", name,
            "every task got the GPU of its worker from Spark's resource scheduling");
      } finally {
        spark.stop();
      }
    }
  }

  @Test
  void aWorkerKilledMidPredictCostsItsPanelsWhichAreComputedAgainAndThePredictionMatches()
      throws Exception {
    Matrix x = TestMatrices.gaussian(PREDICT_N, 32, 21);
    Matrix xTest = TestMatrices.gaussian(200, 32, 22);
    Matrix y = TestMatrices.gaussian(PREDICT_N, 2, 23);
    PredictionSpec spec = new PredictionSpec(PredictionSpec.Mode.GD, PredictionSpec.Kernel.NTK,
        PredictionSpec.Loss.MSE, TrainingSchedule.continuous(1, 10, Double.POSITIVE_INFINITY),
        DiagonalRegularizer.relative(1e-3), false);
    Predictor predictor = new Predictor(spec, new JavaLinearAlgebra());
    KrylovSettings settings = KrylovSettings.defaults();
    PredictionResults single;
    try (PredictionOperators ops = PredictionOperators.fromArchitecture(new JavaBackend(),
            SMALL_NET, x, xTest, true, MatrixAllocator.HEAP, 2);
        KrylovSolver solver = new KrylovSolver(settings)) {
      single = predictor.predict(ops, y, solver);
    }

    try (StandaloneCluster cluster = new StandaloneCluster(dir.resolve("cluster"), 2)) {
      SparkContext spark = new SparkContext(cluster.driverConf("ntk4j-cluster-predict"));
      try {
        awaitExecutors(spark, 2, cluster);
        ProductKiller killer = new ProductKiller(spark.applicationId(), cluster);
        spark.addSparkListener(killer);
        SparkKernelOptions options = SparkKernelOptions.defaults().withBackend("java")
            .withPrecision(Precision.FLOAT64).withTileEdge(PANEL);
        PredictionResults distributed;
        long computed;
        int panels;
        try (PredictionOperators ops = SparkKernelOperator.predictionOperators(spark, SMALL_NET,
                x, xTest, true, options, PanelStorage.AUTO);
            KrylovSolver solver = new KrylovSolver(settings)) {
          SparkKernelOperator train = (SparkKernelOperator) ops.trainTrain();
          assertTrue(train.cached(), train.description());
          distributed = predictor.predict(ops, y, solver);
          computed = train.panelsComputed();
          panels = train.panels();
          System.out.println("standalone cluster, predict: " + killer + "; "
              + train.description());
        }
        String why = killer + "\n" + cluster.logs();
        assertEquals(8, panels);
        assertTrue(killer.victim != null, "no worker was killed: " + why);
        assertTrue(killer.lost.size() >= 1, "the killed executor's product task failed: " + why);
        assertTrue(computed > panels && computed <= 2L * panels, "the killed executor's panels"
            + " (and only those) were computed again: " + computed + " computations of "
            + panels + " panels; " + why);
        for (int t = 0; t < 2; t++) {
          double error = distributed.testMean().get(t).relativeError(single.testMean().get(t));
          assertTrue(error < 1e-6, "at " + single.labels().get(t) + ": " + error);
        }
      } finally {
        spark.stop();
      }
    }
  }

  private static void awaitExecutors(SparkContext spark, int executors,
      StandaloneCluster cluster) throws Exception {
    long deadline = System.currentTimeMillis() + EXECUTORS_TIMEOUT_MS;
    // The driver is listed too.
    while (spark.statusTracker().getExecutorInfos().length < executors + 1) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(executors + " executors did not register within "
            + EXECUTORS_TIMEOUT_MS / 1000 + " s:\n" + cluster.logs());
      }
      Thread.sleep(200);
    }
  }

  /**
   * Kills the worker of the executor that starts the first task of the
   * {@value #KILL_AT_PRODUCT}rd kernel product, and records the tasks lost with it.
   */
  private static final class ProductKiller extends SparkListener {
    final List<SparkListenerTaskEnd> lost = new CopyOnWriteArrayList<>();
    volatile String victim;
    private final String appId;
    private final StandaloneCluster cluster;
    private final AtomicInteger products = new AtomicInteger();
    private volatile int killStage = -1;

    ProductKiller(String appId, StandaloneCluster cluster) {
      this.appId = appId;
      this.cluster = cluster;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      String job = start.properties().getProperty("spark.job.description");
      if ("ntk4j kernel product".equals(job)
          && products.incrementAndGet() == KILL_AT_PRODUCT) {
        killStage = start.stageInfos().head().stageId();
      }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      if (start.stageId() != killStage || victim != null) {
        return;
      }
      String executor = start.taskInfo().executorId();
      if (cluster.killWorkerOf(appId, executor)) {
        victim = executor;
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (!end.taskInfo().successful() && end.reason() instanceof ExecutorLostFailure) {
        lost.add(end);
      }
    }

    @Override
    public String toString() {
      return "victim " + victim + ", products " + products + ", tasks lost " + lost.size();
    }
  }

  /**
   * Kills the worker of the first executor that starts a tile after finishing one, and records
   * every tile's attempts and outcome (the tiles' job is the one with a task per tile; the job
   * before it checks the backend).
   */
  private static final class WorkerKiller extends SparkListener {
    final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** Tile (partition) to the executor that finished it. */
    final Map<Integer, String> succeeded = new ConcurrentHashMap<>();
    final List<SparkListenerTaskEnd> failed = new CopyOnWriteArrayList<>();
    volatile String victim;
    private final String appId;
    private final StandaloneCluster cluster;
    private final int tiles;
    private final CountDownLatch jobEnd = new CountDownLatch(1);
    private volatile int job = -1;
    private volatile int stage = -1;

    WorkerKiller(String appId, StandaloneCluster cluster, int tiles) {
      this.appId = appId;
      this.cluster = cluster;
      this.tiles = tiles;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      StageInfo first = start.stageInfos().head();
      if (first.numTasks() == tiles) {
        stage = first.stageId();
        job = start.jobId();
      }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      if (start.stageId() != stage) {
        return;
      }
      attempts.computeIfAbsent(start.taskInfo().index(), k -> new AtomicInteger())
          .incrementAndGet();
      String executor = start.taskInfo().executorId();
      if (victim == null && succeeded.containsValue(executor)
          && cluster.killWorkerOf(appId, executor)) {
        victim = executor;
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.stageId() != stage) {
        return;
      }
      if (end.taskInfo().successful()) {
        succeeded.put(end.taskInfo().index(), end.taskInfo().executorId());
      } else {
        failed.add(end);
      }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      if (end.jobId() == job) {
        jobEnd.countDown();
      }
    }

    /** Task ends come before the job's end on the listener bus. */
    void awaitJobEnd() throws InterruptedException {
      assertTrue(jobEnd.await(60, TimeUnit.SECONDS), "Spark reported no job end");
    }

    @Override
    public String toString() {
      return "victim " + victim + ", succeeded " + succeeded + ", failed " + failed.size()
          + ", attempts " + attempts;
    }
  }
}
