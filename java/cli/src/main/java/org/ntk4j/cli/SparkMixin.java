package org.ntk4j.cli;

import java.nio.file.Path;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.spark.SparkKernelOptions;
import org.ntk4j.spark.SparkKernels;
import picocli.CommandLine.Option;

/**
 * The options that run a command's kernel tiles as tasks of an Apache Spark job. Without
 * --spark-master nothing of Spark is loaded: ntk4j.jar runs without it.
 */
public final class SparkMixin {

  @Option(names = "--spark-master", arity = "0..1", paramLabel = "URL",
      description = "compute the tiles as Spark tasks: local[N] (N task threads in this JVM),"
          + " spark://host:port (a standalone cluster), or no URL for the master spark-submit"
          + " was given. Needs Spark: java -jar ntk4j-spark.jar, or spark-submit. Each task"
          + " uses the cores Spark gives it and its GPU if Spark gave it one; --backend"
          + " names the backend of every executor (auto: the best each has).")
  String master;

  @Option(names = "--spark-tile", paramLabel = "EDGE", defaultValue = "0",
      description = "edge of the square tile of one Spark task, a multiple of 64 (GPU"
          + " executors want 4096 or more). Default: the largest that fits the executors'"
          + " memory and still gives every task slot 4 tiles.")
  int tile;

  @Option(names = "--spark-work-dir", paramLabel = "DIR",
      description = "where the executors write their tiles for the driver: a directory that"
          + " the driver and every executor share (on a cluster: a shared filesystem). Default:"
          + " <first .npy output>.blocks, else a temporary directory (local masters only).")
  Path workDirectory;

  /** Whether --spark-master was given. */
  boolean enabled() {
    return master != null;
  }

  /**
   * Starts the Spark driver.
   *
   * @param defaultWorkDirectory the work directory unless --spark-work-dir says otherwise
   *     (null: a temporary one)
   */
  TiledKernelBackend open(BackendMixin backend, Path defaultWorkDirectory) {
    if (backend.threads != null) {
      throw new InvalidInputException("--threads does not apply with --spark-master: each task"
          + " uses the cores Spark gives it (spark.task.cpus)");
    }
    SparkKernelOptions options = SparkKernelOptions.defaults().withBackend(backend.backend)
        .withPrecision(backend.precision()).withTileEdge(tile)
        .withWorkDirectory(workDirectory != null ? workDirectory : defaultWorkDirectory);
    return SparkKernels.start(master, options);
  }

  /** Refuses the Spark options without --spark-master, where they would mean nothing. */
  void requireMasterForOptions() {
    if (!enabled() && (tile != 0 || workDirectory != null)) {
      throw new InvalidInputException("--spark-tile and --spark-work-dir apply only with"
          + " --spark-master");
    }
  }
}
