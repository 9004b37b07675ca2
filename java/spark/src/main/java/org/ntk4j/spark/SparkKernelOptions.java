package org.ntk4j.spark;

import java.nio.file.Path;
import org.ntk4j.Precision;
import org.ntk4j.backend.Backends;

/**
 * How to run a kernel job on Spark.
 *
 * @param backend the backend every executor uses: {@code auto} (the best each executor has,
 *     a GPU where Spark gave the task one) or a name such as {@code java}, {@code cuda}
 * @param precision what the executors compute in and the tiles are stored as
 * @param tileEdge the edge of the square tiles, one Spark task each: a multiple of 64, or 0 to
 *     choose from the executors' memory and the cluster's task slots
 * @param workDirectory where the executors write block files and the driver reads them: a
 *     directory that the driver and every executor see (a shared filesystem); null for a
 *     temporary directory, which only a local master ({@code local[N]}) shares
 */
public record SparkKernelOptions(String backend, Precision precision, int tileEdge,
    Path workDirectory) {

  /** {@code auto}, float64, tiles chosen by memory, a temporary work directory. */
  public static SparkKernelOptions defaults() {
    return new SparkKernelOptions(Backends.AUTO, Precision.FLOAT64, 0, null);
  }

  public SparkKernelOptions withBackend(String name) {
    return new SparkKernelOptions(name, precision, tileEdge, workDirectory);
  }

  public SparkKernelOptions withPrecision(Precision p) {
    return new SparkKernelOptions(backend, p, tileEdge, workDirectory);
  }

  public SparkKernelOptions withTileEdge(int edge) {
    return new SparkKernelOptions(backend, precision, edge, workDirectory);
  }

  public SparkKernelOptions withWorkDirectory(Path directory) {
    return new SparkKernelOptions(backend, precision, tileEdge, directory);
  }
}
