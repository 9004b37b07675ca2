package org.ntk4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.JobFingerprint;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Kernels computed by a Spark cluster: one task per tile, each on the best backend of the
 * executor that runs it (or the one named), written as a block file into a work directory that
 * the driver and the executors share; the driver puts each block into the sink as its task
 * finishes. A lost executor costs the tiles it was computing (Spark runs those tasks again
 * elsewhere); the output is the same bytes as a single-process run of the same backend.
 *
 * <p>From a Spark application:
 * <pre>{@code
 * try (SparkKernelBackend spark = new SparkKernelBackend(sparkContext,
 *     SparkKernelOptions.defaults().withWorkDirectory(Path.of("/shared/ntk4j-work")))) {
 *   spark.computeInto(KernelRequest.symmetric(net, x), sink, ProgressListener.NONE);
 * }
 * }</pre>
 */
public final class SparkKernelBackend implements TiledKernelBackend {
  private final SparkContext context;
  private final boolean ownsContext;
  private final SparkKernelOptions options;
  private final Set<String> backendsUsed = new TreeSet<>();
  private final Set<Integer> gpusGiven = new TreeSet<>();

  /** Runs on {@code context}, which stays the caller's (closing this does not stop it). */
  public SparkKernelBackend(SparkContext context, SparkKernelOptions options) {
    this(context, false, options);
  }

  private SparkKernelBackend(SparkContext context, boolean ownsContext,
      SparkKernelOptions options) {
    this.context = context;
    this.ownsContext = ownsContext;
    this.options = options;
  }

  /**
   * Starts a Spark driver for {@code master} ({@code local[N]}, {@code spark://host:port}, or
   * empty for spark-submit's), stopped again by {@link #close()}.
   */
  public static SparkKernelBackend start(String master, SparkKernelOptions options) {
    return new SparkKernelBackend(SparkContexts.start(master), true, options);
  }

  /**
   * "spark MASTER (BACKENDS[; tasks given GPUs A, B])": the backends the executors used, or
   * the one asked for before a run, and the GPU addresses Spark gave the tasks.
   */
  @Override
  public String name() {
    synchronized (backendsUsed) {
      String gpus = gpusGiven.isEmpty() ? "" : "; tasks given GPUs " + String.join(", ",
          gpusGiven.stream().map(String::valueOf).toList());
      return "spark " + context.master() + " (" + (backendsUsed.isEmpty() ? options.backend()
          : String.join(", ", backendsUsed)) + gpus + ")";
    }
  }

  @Override
  public Kernels computeInto(KernelRequest request, TileSink sink, ProgressListener progress) {
    int n1 = request.x1().rows();
    int n2 = request.right().rows();
    TilePlan plan = new TilePlan(request, TilePlan.ExecutorMemory.of(context),
        Runtime.getRuntime().maxMemory());
    int edge = plan.edge(sink.requiredEdge(), options.tileEdge(), context.defaultParallelism());
    Precision precision = options.precision();
    String job = JobFingerprint.of(request, precision.cliName()) + " n1=" + n1 + " n2=" + n2
        + " edge=" + edge + " symmetric=" + request.isSymmetric() + " nngp=" + request.nngp()
        + " ntk=" + request.ntk();
    Path directory = workDirectory();
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(context);
    Broadcast<JobInputs> inputs = spark.broadcast(new JobInputs(request));
    try {
      TileTask task = new TileTask(inputs, request, precision, options.backend(),
          JobShape.of(request), directory, job);
      // A backend that cannot run on the executors is refused before any file is made.
      run(spark, List.of(WorkItem.backendCheck()), task, this::noteBackend);
      TileGrid grid = new TileGrid(n1, n2, edge, request.isSymmetric());
      sink.begin(grid);
      Assembly assembly = new Assembly(request, grid, sink, progress, job, directory);
      boolean created = !Files.isDirectory(directory);
      Files.createDirectories(directory);
      boolean complete = false;
      try (BlockManifest manifest = BlockManifest.open(directory, job)) {
        assembly.manifest = manifest;
        List<WorkItem> work = new ArrayList<>();
        Set<Integer> finished = sink.finishedTiles();
        Map<Integer, Long> received = manifest.received();
        for (Tile t : grid.tiles()) {
          if (finished.contains(t.index())) {
            assembly.skip(t);
          } else if (!received.containsKey(t.index())
              || !assembly.assembleLeftOver(WorkItem.tile(t), received.get(t.index()))) {
            work.add(WorkItem.tile(t));
          }
        }
        work.addAll(assembly.diagonals.missing(work, edge));
        run(spark, work, task, assembly::take);
        sink.finish();
        complete = true;
      } finally {
        // Kept for the next run unless done, or in a temporary directory no rerun would find.
        if (complete || options.workDirectory() == null) {
          BlockManifest.clear(directory, created);
        }
      }
      return assembly.diagonals.kernels();
    } catch (IOException e) {
      throw new UncheckedIOException("work directory " + directory, e);
    } finally {
      inputs.destroy();
    }
  }

  /** The Spark context the jobs run on. */
  SparkContext context() {
    return context;
  }

  SparkKernelOptions options() {
    return options;
  }

  /** Stops the Spark driver if this backend started it. */
  @Override
  public void close() {
    if (ownsContext) {
      context.stop();
    }
  }

  /** What the driver does with each task's result. */
  @FunctionalInterface
  private interface ResultHandler {
    void take(TileResult result) throws IOException;
  }

  private void noteBackend(TileResult r) {
    synchronized (backendsUsed) {
      backendsUsed.add(r.backend());
      if (r.gpu() >= 0) {
        gpusGiven.add(r.gpu());
      }
    }
  }

  /** Runs {@code work} as one Spark job, handling each result as its task finishes. */
  private void run(JavaSparkContext spark, List<WorkItem> work, TileTask task,
      ResultHandler handler) throws IOException {
    if (work.isEmpty()) {
      return;
    }
    JavaRDD<WorkItem> items = spark.parallelize(work, work.size());
    List<Object> partitions = new ArrayList<>();
    for (int p = 0; p < work.size(); p++) {
      partitions.add(p);
    }
    BlockingQueue<TileResult> results = new LinkedBlockingQueue<>();
    context.setJobDescription("ntk4j kernel: " + work.size() + " tasks");
    SimpleFutureAction<BoxedUnit> running = context.submitJob(items.rdd(), task,
        CollectionConverters.asScala(partitions).toSeq(),
        (partition, result) -> {
          results.add(result);
          return BoxedUnit.UNIT;
        },
        () -> BoxedUnit.UNIT);
    try {
      for (int received = 0; received < work.size(); ) {
        TileResult r = results.poll(100, TimeUnit.MILLISECONDS);
        if (r != null) {
          handler.take(r);
          received++;
        } else if (running.isCompleted()) {
          running.get(); // throws the job's failure
          throw new IllegalStateException("the Spark job ended with " + received + " of "
              + work.size() + " results");
        }
      }
    } catch (SparkException e) {
      throw SparkFailures.translate(e, "the tiles it finished are kept (rerun with --resume)");
    } catch (InterruptedException e) {
      running.cancel();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the Spark job ran", e);
    } catch (RuntimeException | Error | IOException e) {
      running.cancel();
      throw e;
    }
  }

  private Path workDirectory() {
    if (options.workDirectory() != null) {
      return options.workDirectory().toAbsolutePath();
    }
    if (!context.isLocal()) {
      throw new InvalidInputException("a kernel job on a Spark cluster needs a work directory"
          + " that the driver and every executor share (a shared filesystem): give one"
          + " (--spark-work-dir)");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "ntk4j-blocks-" + UUID.randomUUID());
  }

  /** The driver's side of a job: blocks into the sink, diagonals, progress. */
  private final class Assembly {
    final Diagonals diagonals;
    private final KernelRequest request;
    private final TileGrid grid;
    private final TileSink sink;
    private final ProgressListener progress;
    private final String job;
    private final Path directory;
    private BlockManifest manifest;
    private long done;

    Assembly(KernelRequest request, TileGrid grid, TileSink sink, ProgressListener progress,
        String job, Path directory) {
      this.request = request;
      this.grid = grid;
      this.sink = sink;
      this.progress = progress;
      this.job = job;
      this.directory = directory;
      this.diagonals = new Diagonals(grid.n1(), grid.n2(), grid.symmetric(), request.ntk());
    }

    /** A tile the sink already has. */
    void skip(Tile t) {
      done += t.entries(grid.symmetric());
    }

    /**
     * Assembles a block an earlier driver of this job received; false when it is gone or
     * damaged (then it is computed again).
     */
    boolean assembleLeftOver(WorkItem item, long crc) throws IOException {
      try {
        assemble(item, crc);
        return true;
      } catch (NoSuchFileException | InvalidInputException e) {
        return false;
      }
    }

    void take(TileResult r) throws IOException {
      noteBackend(r);
      diagonals.take(r);
      if (r.item().kind() != WorkItem.Kind.TILE) {
        return;
      }
      manifest.record(r);
      try {
        assemble(r.item(), r.crc());
      } catch (NoSuchFileException e) {
        throw new InvalidInputException("executor " + r.executor() + " wrote tile "
            + r.item().index() + " to " + e.getFile() + ", which the driver cannot see: the"
            + " work directory must be on a filesystem that the driver and every executor"
            + " share (--spark-work-dir)");
      }
    }

    private void assemble(WorkItem item, long crc) throws IOException {
      Path block = BlockFiles.path(directory, item.index());
      TileValues[] values = BlockFiles.read(block, BlockFiles.header(job, item), item, crc,
          request.nngp(), request.ntk(), options.precision());
      Tile tile = item.asTile();
      sink.accept(tile, values[0], values[1]);
      Files.delete(block);
      done += tile.entries(grid.symmetric());
      progress.progress(done, grid.entries());
    }
  }
}
