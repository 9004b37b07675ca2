package org.ntk4j.spark;

import java.util.Locale;
import java.util.OptionalInt;
import org.apache.spark.SparkContext;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelRequest;

/**
 * The tile edge of a Spark kernel job, chosen before any task starts so that the job fits the
 * executors' memory, or refused with the numbers. A task holds its tile's kernels as float64
 * matrices while computing and writing them (2 × kernels × E² × 8 bytes, allowing one copy in
 * the backend) plus its rows of the inputs; every executor holds the broadcast inputs twice
 * (the value and its serialized blocks); Spark reserves 300 MB of every heap for itself.
 * Edges are multiples of {@value #ALIGN} so that tiles start on the row blocks of every
 * backend (the Java oracle's 16-row blocks, the device tiles), which makes each entry the
 * bit-for-bit value of the single-process run.
 */
final class TilePlan {
  static final int ALIGN = 64;
  /** The largest edge chosen automatically (a CPU tile); GPUs want larger ones, --spark-tile. */
  static final int MAX_AUTO_EDGE = 2048;
  /** Block files hold each kernel's tile in one array of at most 2³¹ bytes. */
  static final int MAX_EDGE = 16384;
  /** Tiles per task slot the automatic edge aims at: retries and stragglers cost little. */
  static final int TILES_PER_SLOT = 4;
  private static final long SPARK_RESERVED_BYTES = 300L << 20;

  /**
   * The memory of one executor as the driver knows it.
   *
   * @param heapBytes its JVM heap
   * @param concurrentTasks tasks that run in it at once
   * @param source where the figures come from, for messages
   */
  record ExecutorMemory(long heapBytes, int concurrentTasks, String source) {
    /** The executors' heap and task slots as far as the driver can tell before they start. */
    static ExecutorMemory of(SparkContext context) {
      if (context.isLocal()) {
        return new ExecutorMemory(Runtime.getRuntime().maxMemory(),
            context.defaultParallelism(), "local mode: the driver's heap");
      }
      long heap = context.conf().getSizeAsBytes("spark.executor.memory", "1g");
      int cores = context.conf().getInt("spark.executor.cores", 1);
      int taskCpus = context.conf().getInt("spark.task.cpus", 1);
      return new ExecutorMemory(heap, Math.max(1, cores / taskCpus),
          "spark.executor.memory, spark.executor.cores / spark.task.cpus tasks each");
    }
  }

  private final long inputBytes;
  private final int kernels;
  private final int d;
  private final int n1;
  private final int n2;
  private final boolean symmetric;
  private final ExecutorMemory executor;
  private final long driverHeapBytes;

  TilePlan(KernelRequest request, ExecutorMemory executor, long driverHeapBytes) {
    this.inputBytes = JobInputs.bytes(request);
    this.kernels = (request.nngp() ? 1 : 0) + (request.ntk() ? 1 : 0);
    this.d = request.inputWidth();
    this.n1 = request.x1().rows();
    this.n2 = request.right().rows();
    this.symmetric = request.isSymmetric();
    this.executor = executor;
    this.driverHeapBytes = driverHeapBytes;
  }

  /**
   * The edge to use: the one a resumed output was written with, else the one asked for
   * (0: choose the largest that fits and still gives every task slot
   * {@value #TILES_PER_SLOT} tiles).
   */
  int edge(OptionalInt required, int requested, int slots) {
    if (required.isPresent()) {
      return requireFits(required.getAsInt(), "give the executors more memory"
          + " (spark.executor.memory), or delete the output's .tiles journal to start over with"
          + " smaller tiles");
    }
    if (requested != 0) {
      if (requested < ALIGN || requested > MAX_EDGE || requested % ALIGN != 0) {
        throw new InvalidInputException("--spark-tile must be a multiple of " + ALIGN
            + " from " + ALIGN + " to " + MAX_EDGE + ", got " + requested);
      }
      return requireFits(requested, "use a smaller --spark-tile, or give the executors more"
          + " memory (spark.executor.memory)");
    }
    int largest = Math.min(MAX_AUTO_EDGE, roundUp(Math.max(n1, n2)));
    int chosen = ALIGN;
    for (int e = largest; e >= ALIGN; e -= ALIGN) {
      if (fits(e)) {
        chosen = e;
        if (tiles(e) >= (long) TILES_PER_SLOT * slots) {
          break;
        }
      }
    }
    return requireFits(chosen, "give the executors more memory (spark.executor.memory) or"
        + " fewer cores each (spark.executor.cores)");
  }

  /** Tiles of the grid of edge {@code e}. */
  long tiles(int e) {
    long rows = (n1 + e - 1) / e;
    long cols = (n2 + e - 1) / e;
    return symmetric ? rows * (rows + 1) / 2 : rows * cols;
  }

  private boolean fits(int e) {
    return executorBytes(e) <= executor.heapBytes() && blockBytes(e) <= driverHeapBytes / 2;
  }

  private int requireFits(int e, String fix) {
    if (executorBytes(e) > executor.heapBytes()) {
      throw new InvalidInputException(String.format(Locale.ROOT, "tiles of edge %d need %s per"
          + " Spark task and the inputs %s per executor, %s for %d concurrent tasks with"
          + " Spark's 300 MB reserve, but executors have %s (%s): %s", e, mb(taskBytes(e)),
          mb(2 * inputBytes), mb(executorBytes(e)), executor.concurrentTasks(),
          mb(executor.heapBytes()), executor.source(), fix));
    }
    if (blockBytes(e) > driverHeapBytes / 2) {
      throw new InvalidInputException(String.format(Locale.ROOT, "the driver reads blocks of"
          + " %s for tiles of edge %d, more than half its heap (%s): give it more memory"
          + " (java -Xmx...) or use a smaller --spark-tile", mb(blockBytes(e)), e,
          mb(driverHeapBytes)));
    }
    return e;
  }

  private long taskBytes(int e) {
    return 2L * kernels * e * e * Double.BYTES + 2L * e * d * Double.BYTES;
  }

  private long executorBytes(int e) {
    return SPARK_RESERVED_BYTES + 2 * inputBytes + executor.concurrentTasks() * taskBytes(e);
  }

  /** What the driver holds while it assembles one block: the values read and their copy. */
  private long blockBytes(int e) {
    return 2L * kernels * e * e * Double.BYTES;
  }

  private static int roundUp(int n) {
    return (n + ALIGN - 1) / ALIGN * ALIGN;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
  }
}
