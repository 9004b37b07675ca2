package org.ntk4j.spark;

import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.PredictionOperators;
import org.ntk4j.stax.Architecture;

/**
 * The entry point for a program that may run without Spark on its class path (the ntk4j
 * command line: ntk4j.jar has no Spark, ntk4j-spark.jar and spark-submit bring it): this class
 * names no Spark type, so loading it needs none, and it checks for Spark before anything
 * that does is loaded.
 */
public final class SparkKernels {
  static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";

  private SparkKernels() {}

  /**
   * Starts a Spark driver for {@code master} and returns the backend that computes on it
   * ({@link SparkKernelBackend#start}); closing it stops the driver.
   *
   * @throws InvalidInputException when Spark is not on the class path, saying how to get it
   */
  public static TiledKernelBackend start(String master, SparkKernelOptions options) {
    requireSpark(SparkKernels.class.getClassLoader());
    return SparkKernelBackend.start(master, options);
  }

  /**
   * The operators of an iterative prediction on the cluster of {@code spark} (a backend from
   * {@link #start}): {@link SparkKernelOperator#predictionOperators}, with that backend's
   * executor backend, precision and tile edge (as the panels' height).
   *
   * @param xTest test inputs, or null
   * @param ntk the NTK, else the NNGP
   */
  public static PredictionOperators predictionOperators(TiledKernelBackend spark,
      Architecture architecture, Matrix x, Matrix xTest, boolean ntk, PanelStorage storage) {
    if (!(spark instanceof SparkKernelBackend driver)) {
      throw new IllegalArgumentException("not a Spark backend: " + spark.name());
    }
    return SparkKernelOperator.predictionOperators(driver.context(), architecture, x, xTest,
        ntk, driver.options(), storage);
  }

  static void requireSpark(ClassLoader loader) {
    try {
      Class.forName(SPARK_CONTEXT, false, loader);
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException("--spark-master needs Apache Spark, which ntk4j.jar does"
          + " not contain: run the same command with java -jar ntk4j-spark.jar (built next to"
          + " ntk4j.jar, with Spark), or submit ntk4j.jar to a cluster with spark-submit");
    }
  }
}
