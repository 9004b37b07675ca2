package org.ntk4j.spark;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How a {@link SparkKernelOperator} lays K out over the executors, chosen before any task runs:
 * row panels of a height that is a multiple of {@value TilePlan#ALIGN} (as the kernel job's
 * tiles: each panel starts on the backends' row blocks), {@value TilePlan#TILES_PER_SLOT} per
 * task slot unless asked otherwise, and whether they are cached in the executors' memory or
 * recomputed for every product.
 *
 * <p>Caching needs, on each executor, its share of the panels (assumed spread evenly, plus one
 * for the unevenness of Spark's scheduling) and the broadcast inputs (value and serialized
 * blocks, 2·8·n·d bytes) within Spark's storage memory, and, while a task computes its panel,
 * the panel in float64 twice (the result and one copy in the backend: 2·8·h·N bytes per
 * concurrent task) within the rest of the heap beside Spark's 300 MB reserve. Recomputed panels
 * hold only the backend's tiles and the panel's share of the product (h·k values).
 */
final class PanelPlan {
  private static final long SPARK_RESERVED_BYTES = 300L << 20;
  private static final long EXECUTORS_TIMEOUT_MS = 60_000;

  /**
   * The executors as the driver sees them.
   *
   * @param count executors registered
   * @param storageBytes the least storage memory any of them has (Spark's unified memory,
   *     spark.memory.fraction of the heap above its reserve)
   * @param memory their heap and concurrent tasks
   */
  record Executors(int count, long storageBytes, TilePlan.ExecutorMemory memory) {

    /**
     * The executors of {@code context}: the driver's own block manager in local mode; on a
     * cluster the executors registered once as many as the configuration asks for have come
     * (spark.executor.instances, or spark.cores.max / spark.executor.cores), or after a minute
     * with at least one.
     */
    static Executors of(SparkContext context) throws InterruptedException {
      TilePlan.ExecutorMemory memory = TilePlan.ExecutorMemory.of(context);
      String driver = SparkEnv.get().blockManager().blockManagerId().hostPort();
      int expected = expected(context);
      long deadline = System.currentTimeMillis() + EXECUTORS_TIMEOUT_MS;
      while (true) {
        int count = 0;
        long least = Long.MAX_VALUE;
        Map<String, Tuple2<Object, Object>> status =
            CollectionConverters.asJava(context.getExecutorMemoryStatus());
        for (Map.Entry<String, Tuple2<Object, Object>> e : status.entrySet()) {
          if (context.isLocal() || !e.getKey().equals(driver)) {
            count++;
            least = Math.min(least, (Long) e.getValue()._1());
          }
        }
        boolean late = System.currentTimeMillis() > deadline;
        if (count >= expected || (late && count > 0)) {
          return new Executors(count, least, memory);
        }
        if (late) {
          throw new InvalidInputException("no Spark executor registered with the driver within "
              + EXECUTORS_TIMEOUT_MS / 1000 + " s: check that the cluster has free cores and"
              + " memory for this application (spark.cores.max, spark.executor.memory)");
        }
        Thread.sleep(200);
      }
    }

    private static int expected(SparkContext context) {
      if (context.isLocal()) {
        return 1;
      }
      var conf = context.conf();
      if (conf.contains("spark.executor.instances")) {
        return Math.max(1, conf.getInt("spark.executor.instances", 1));
      }
      if (conf.contains("spark.cores.max") && conf.contains("spark.executor.cores")) {
        return Math.max(1, conf.getInt("spark.cores.max", 1)
            / Math.max(1, conf.getInt("spark.executor.cores", 1)));
      }
      return 1;
    }
  }

  /**
   * The layout chosen.
   *
   * @param height rows per panel (the last panel may have fewer)
   * @param panels the number of panels
   * @param cached whether they are cached, else recomputed for every product
   * @param reason why, with the numbers, for the solver's lines
   */
  record Choice(int height, int panels, boolean cached, String reason) {}

  private PanelPlan() {}

  /**
   * @param rows K's rows; {@code cols} its columns
   * @param storage the precision cached panels are held in
   * @param inputBytes the broadcast inputs' bytes
   * @param slots the cluster's task slots
   * @param requestedHeight rows per panel, a multiple of 64, or 0 to choose
   */
  static Choice choose(int rows, int cols, Precision storage, long inputBytes, int slots,
      int requestedHeight, PanelStorage asked, Executors executors) {
    long heap = executors.memory().heapBytes();
    if (SPARK_RESERVED_BYTES + 2 * inputBytes > heap) {
      throw new InvalidInputException(String.format(Locale.ROOT, "the inputs need %s on every"
          + " executor (broadcast: the value and its blocks) beside Spark's 300 MB, but"
          + " executors have %s (%s): give them more memory (spark.executor.memory)",
          mb(2 * inputBytes), mb(heap), executors.memory().source()));
    }
    int height = requestedHeight != 0 ? requireHeight(requestedHeight)
        : autoHeight(rows, slots);
    height = Math.min(height, roundUp(rows));
    long userBytes = heap - SPARK_RESERVED_BYTES - executors.storageBytes();
    if (requestedHeight == 0 && asked != PanelStorage.RECOMPUTED) {
      // Lower panels need less memory while they are computed; the cache holds the same total.
      while (height > TilePlan.ALIGN && !computable(height, cols, executors, userBytes)) {
        height = roundUp(height / 2);
      }
    }
    int panels = (rows + height - 1) / height;
    int perExecutor = (panels + executors.count() - 1) / executors.count() + 1;
    long cachedBytes = Math.min(panels, perExecutor) * (long) height * cols * storage.bytes()
        + 2 * inputBytes;
    long computeBytes = computeBytes(height, cols, executors);
    boolean fits = cachedBytes <= executors.storageBytes()
        && computable(height, cols, executors, userBytes);
    String layout = String.format(Locale.ROOT, "%d row panels of %d rows on %d executor%s", panels,
        height, executors.count(), executors.count() == 1 ? "" : "s");
    String numbers = String.format(Locale.ROOT, "%s of panels and inputs per executor, %s"
        + " while %d task%s compute%s panels; each executor has %s of storage memory and %s"
        + " beside it (%s)", mb(cachedBytes), mb(computeBytes),
        executors.memory().concurrentTasks(),
        executors.memory().concurrentTasks() == 1 ? "" : "s",
        executors.memory().concurrentTasks() == 1 ? "s its" : " their",
        mb(executors.storageBytes()), mb(Math.max(0, userBytes)), executors.memory().source());
    switch (asked) {
      case RECOMPUTED -> {
        return new Choice(height, panels, false, layout + ", recomputed for every product (as"
            + " asked)");
      }
      case CACHED -> {
        if (!fits) {
          throw new InvalidInputException("the kernel's row panels do not fit the executors'"
              + " memory to be cached: " + numbers + "; give the executors more memory"
              + " (spark.executor.memory), more executors, or smaller panels (--spark-tile),"
              + " or recompute them for every product (--recompute-kernel)");
        }
        return new Choice(height, panels, true, layout + ", cached in their memory: " + numbers);
      }
      default -> {
        return fits
            ? new Choice(height, panels, true, layout + ", cached in their memory: " + numbers)
            : new Choice(height, panels, false, layout + ", recomputed for every product, as"
                + " caching would not fit: " + numbers);
      }
    }
  }

  /** What a panel of {@code height} rows takes while computed: 2·8·h·N per concurrent task. */
  private static long computeBytes(int height, int cols, Executors executors) {
    return executors.memory().concurrentTasks() * 2L * Double.BYTES * height * cols;
  }

  private static boolean computable(int height, int cols, Executors executors, long userBytes) {
    return computeBytes(height, cols, executors) <= userBytes
        && (long) height * cols <= Matrix.MAX_ARRAY;
  }

  private static int requireHeight(int h) {
    if (h < TilePlan.ALIGN || h % TilePlan.ALIGN != 0) {
      throw new InvalidInputException("--spark-tile (the rows of a kernel panel) must be a"
          + " multiple of " + TilePlan.ALIGN + ", got " + h);
    }
    return h;
  }

  private static int autoHeight(int rows, int slots) {
    long target = (long) TilePlan.TILES_PER_SLOT * Math.max(1, slots);
    return roundUp((int) ((rows + target - 1) / target));
  }

  private static int roundUp(int n) {
    return Math.max(TilePlan.ALIGN, (n + TilePlan.ALIGN - 1) / TilePlan.ALIGN * TilePlan.ALIGN);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
  }
}
