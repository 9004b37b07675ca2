package org.ntk4j.cli;

import java.nio.file.Path;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.PredictionOperators;
import org.ntk4j.spark.PanelStorage;
import org.ntk4j.spark.SparkKernelOptions;
import org.ntk4j.spark.SparkKernels;
import org.ntk4j.stax.Architecture;
import picocli.CommandLine.Option;

/**
 * The options that run a command's kernel work as tasks of an Apache Spark job: the tiles of
 * {@code kernel}, the row panels of {@code predict}'s train kernel under the iterative solver.
 * Without --spark-master nothing of Spark is loaded: ntk4j.jar runs without it.
 */
public final class SparkMixin {

  @Option(names = "--spark-master", arity = "0..1", paramLabel = "URL",
      description = "run the kernel on Spark: local[N] (N task threads in this JVM),"
          + " spark://host:port (a standalone cluster), or no URL for the master spark-submit"
          + " was given. kernel: the tiles as Spark tasks; predict: the train kernel's row"
          + " panels held by the executors (cached when they fit, else recomputed for every"
          + " product) under the iterative solver on this driver. Needs Spark: java -jar"
          + " ntk4j-spark.jar, or spark-submit. Each task uses the cores Spark gives it and its"
          + " GPU if Spark gave it one; --backend names the backend of every executor (auto:"
          + " the best each has).")
  String master;

  @Option(names = "--spark-tile", paramLabel = "EDGE", defaultValue = "0",
      description = "a multiple of 64: kernel: the edge of the square tile of one Spark task"
          + " (GPU executors want 4096 or more); predict: the rows of one kernel panel."
          + " Default: kernel: the largest tile that fits the executors' memory and still"
          + " gives every task slot 4 tiles; predict: 4 panels per task slot.")
  int tile;

  @Option(names = "--spark-work-dir", paramLabel = "DIR",
      description = "kernel only: where the executors write their tiles for the driver: a"
          + " directory that the driver and every executor share (on a cluster: a shared"
          + " filesystem). Default: <first .npy output>.blocks, else a temporary directory"
          + " (local masters only).")
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

  /** Refuses, before any work, what predict cannot do on Spark. */
  void requirePredictOptions(boolean precomputedKernels) {
    if (!enabled()) {
      return;
    }
    if (precomputedKernels) {
      throw new InvalidInputException("--spark-master computes the kernel on the executors"
          + " from --arch and --x-train, but --k-train kernels are files read on this machine:"
          + " drop --spark-master, or give --arch and --x-train");
    }
    if (workDirectory != null) {
      throw new InvalidInputException("--spark-work-dir applies to kernel only: predict keeps"
          + " the kernel's panels in the executors' memory and writes no blocks");
    }
  }

  /**
   * The iterative prediction's operators on the Spark driver {@code spark} (from
   * {@link #open}): the train kernel's panels cached where they fit ({@code recompute}:
   * recomputed for every product), the test-train kernel recomputed.
   */
  PredictionOperators predictionOperators(KernelBackend spark, Architecture architecture,
      Matrix x, Matrix xTest, boolean ntk, boolean recompute) {
    return SparkKernels.predictionOperators((TiledKernelBackend) spark, architecture, x, xTest,
        ntk, recompute ? PanelStorage.RECOMPUTED : PanelStorage.AUTO);
  }
}
