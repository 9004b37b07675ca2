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
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * A real Spark standalone cluster (a master and two workers, child JVMs on 127.0.0.1) runs the
 * kernel job; one worker is killed, with its executor, while that executor computes a tile and
 * after it finished another. Spark runs the lost task again on the other executor, nothing the
 * killed one finished is computed again, and the output is the single-process run's bytes.
 * Every task is given its worker's GPU by Spark and passes its address on as the device.
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
      if (victim == null && succeeded.containsValue(executor)) {
        int worker = cluster.workerOf(appId, executor);
        if (worker >= 0) {
          victim = executor;
          try {
            cluster.kill(worker);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
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
