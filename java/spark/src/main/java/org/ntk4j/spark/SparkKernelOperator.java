package org.ntk4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.PredictionOperators;
import org.ntk4j.stax.Architecture;

/**
 * A kernel K(X1, X2) whose row panels are held by a Spark cluster's executors: each panel is
 * one partition of an RDD, computed on the best backend of the executor that runs it (as
 * {@link SparkKernelBackend}'s tiles) and either cached there (Spark's {@code persist}: a lost
 * executor's panels are computed again from the RDD's lineage by the executors that remain) or
 * recomputed for every product, tile by tile, when caching would not fit the executors' memory
 * ({@link PanelPlan}). The iterative solvers run on the driver, unchanged, against this operator:
 * K·V broadcasts V and gathers each panel's rows of the product.
 *
 * <p>The preconditioner's rows and the diagonal are Spark tasks too, not driver work: from
 * cached panels they are copies of values the executors already hold, so the preconditioner
 * approximates exactly the matrix the products apply (the driver would have to compute r × N
 * kernel entries itself, on a backend it may lack); from recomputed panels they cost r × N
 * entries over a whole solve, computed where the devices are.
 *
 * <p>From a Spark application:
 * <pre>{@code
 * try (PredictionOperators k = SparkKernelOperator.predictionOperators(sparkContext, net, x,
 *         xTest, true, SparkKernelOptions.defaults(), PanelStorage.AUTO);
 *     KrylovSolver solver = new KrylovSolver(KrylovSettings.defaults())) {
 *   PredictionResults r = new Predictor(spec, new JavaLinearAlgebra()).predict(k, y, solver);
 * }
 * }</pre>
 */
public final class SparkKernelOperator implements KernelOperator {
  private final SparkContext context;
  private final int rows;
  private final int cols;
  private final boolean square;
  private final Broadcast<JobInputs> inputs;
  private final JavaRDD<Panel> panels;
  private final PanelPlan.Choice plan;
  private final LongAccumulator computed;
  private final String backend;
  private double[] diagonal;

  private SparkKernelOperator(SparkContext context, KernelRequest request,
      SparkKernelOptions options, PanelStorage storage, PanelPlan.Executors executors) {
    this.context = context;
    this.rows = request.x1().rows();
    this.cols = request.right().rows();
    this.square = request.isSymmetric();
    this.backend = options.backend();
    this.plan = PanelPlan.choose(rows, cols, options.precision(), JobInputs.bytes(request),
        context.defaultParallelism(), options.tileEdge(), storage, executors);
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(context);
    this.inputs = spark.broadcast(new JobInputs(request));
    PanelKernel kernel = new PanelKernel(inputs, request, options.backend(),
        options.precision());
    List<Panel> places = new ArrayList<>();
    for (int r0 = 0; r0 < rows; r0 += plan.height()) {
      places.add(new RecomputedPanel(kernel, r0, Math.min(plan.height(), rows - r0)));
    }
    JavaRDD<Panel> recomputed = spark.parallelize(places, places.size());
    if (plan.cached()) {
      this.computed = context.longAccumulator("ntk4j kernel panels computed");
      this.panels = recomputed.map(new PanelTasks.Cache(computed))
          .persist(StorageLevel.MEMORY_ONLY());
    } else {
      this.computed = null;
      this.panels = recomputed;
    }
  }

  /**
   * K(X, X), its panels cached or recomputed as {@code storage} says.
   *
   * @param ntk the NTK, else the NNGP
   * @param options the executors' backend and precision (cached panels are held in it); the
   *     tile edge, when not 0, is the panels' height; the work directory is not used
   */
  public static SparkKernelOperator symmetric(SparkContext context, Architecture architecture,
      Matrix x, boolean ntk, SparkKernelOptions options, PanelStorage storage) {
    return new SparkKernelOperator(context, new KernelRequest(architecture, x, null, !ntk, ntk),
        options, storage, executors(context));
  }

  /** K(X1, X2), e.g. test against train (recomputed is what a kernel applied once wants). */
  public static SparkKernelOperator of(SparkContext context, Architecture architecture,
      Matrix x1, Matrix x2, boolean ntk, SparkKernelOptions options, PanelStorage storage) {
    return new SparkKernelOperator(context, new KernelRequest(architecture, x1, x2, !ntk, ntk),
        options, storage, executors(context));
  }

  /**
   * The operators of an iterative prediction on the cluster: train-train with its panels as
   * {@code storage} says, test-train (null without {@code xTest}) recomputed, as it is applied
   * once.
   */
  public static PredictionOperators predictionOperators(SparkContext context,
      Architecture architecture, Matrix x, Matrix xTest, boolean ntk,
      SparkKernelOptions options, PanelStorage storage) {
    PanelPlan.Executors executors = executors(context); // waited for once, for both
    SparkKernelOperator train = new SparkKernelOperator(context,
        new KernelRequest(architecture, x, null, !ntk, ntk), options, storage, executors);
    try {
      return new PredictionOperators(train, xTest == null ? null : new SparkKernelOperator(
          context, new KernelRequest(architecture, xTest, x, !ntk, ntk), options,
          PanelStorage.RECOMPUTED, executors));
    } catch (RuntimeException e) {
      train.close();
      throw e;
    }
  }

  /** The cluster's executors, once as many as it was asked for have registered. */
  private static PanelPlan.Executors executors(SparkContext context) {
    try {
      return PanelPlan.Executors.of(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Spark executors", e);
    }
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public boolean isSquare() {
    return square;
  }

  /** Whether the panels are cached on the executors (else recomputed for every product). */
  public boolean cached() {
    return plan.cached();
  }

  /** The panels computed into the cache so far, counting those computed again after a loss. */
  public long panelsComputed() {
    return computed == null ? 0 : computed.value();
  }

  /** The number of row panels. */
  public int panels() {
    return plan.panels();
  }

  @Override
  public Matrix multiply(Matrix v) {
    if (v.rows() != cols) {
      throw new IllegalArgumentException("K is " + rows + "x" + cols + " but V has shape "
          + v.shape());
    }
    Broadcast<double[]> values = JavaSparkContext.fromSparkContext(context)
        .broadcast(v.toDoubleArray());
    try {
      return PanelTasks.assemble(collect("ntk4j kernel product",
          panels.map(new PanelTasks.Product(values, v.rows(), v.cols()))), rows, v.cols());
    } finally {
      values.destroy();
    }
  }

  @Override
  public Matrix rows(int[] indices) {
    for (int i : indices) {
      if (i < 0 || i >= rows) {
        throw new IndexOutOfBoundsException("row " + i + " of a kernel with " + rows + " rows");
      }
    }
    return PanelTasks.assemble(collect("ntk4j kernel rows",
        panels.map(new PanelTasks.Rows(indices.clone()))), indices.length, cols);
  }

  /** Computed once (the kernel does not change), then the same array's copy every call. */
  @Override
  public double[] diagonal() {
    if (!square) {
      throw new IllegalStateException("a " + rows + "x" + cols
          + " kernel has no diagonal; only train-train kernels do");
    }
    if (diagonal == null) {
      diagonal = PanelTasks.assemble(collect("ntk4j kernel diagonal",
          panels.map(new PanelTasks.Diagonal())), rows, 1).data();
    }
    return diagonal.clone();
  }

  /** Where the panels are and why, and (cached) how often they were computed. */
  @Override
  public String description() {
    String computedSoFar = computed == null ? "" : "; panels computed " + computed.value()
        + " times";
    return "on Spark " + context.master() + " (backend " + backend + "): " + plan.reason()
        + computedSoFar;
  }

  /** Drops the cached panels and the broadcast inputs from the executors. */
  @Override
  public void close() {
    if (plan.cached()) {
      panels.unpersist(false);
    }
    inputs.destroy();
  }

  private <T> List<T> collect(String job, JavaRDD<T> work) {
    context.setJobDescription(job);
    try {
      return work.collect();
    } catch (Exception e) { // Spark throws its checked SparkException unannounced
      if (e instanceof SparkException) {
        throw SparkFailures.translate(e, "nothing was written");
      }
      throw e;
    }
  }
}
