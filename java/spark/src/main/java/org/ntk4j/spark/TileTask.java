package org.ntk4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.resource.ResourceInformation;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.stax.Architecture;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What one Spark task runs on its executor: the kernels of its work item on the executor's
 * backend, the tile written as a block file into the shared work directory. The backend gets
 * the task's cores ({@code spark.task.cpus}) and, when Spark gave the task a GPU
 * ({@code spark.task.resource.gpu.amount}), that GPU's address as its device index.
 */
final class TileTask extends AbstractFunction1<Iterator<WorkItem>, TileResult>
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String GPU = "gpu";

  private final Broadcast<JobInputs> inputs;
  private final String architecture;
  private final boolean nngp;
  private final boolean ntk;
  private final Precision precision;
  private final String backend;
  private final long jobPairs;
  private final int jobFeatures;
  private final int jobNonlinearities;
  private final String workDirectory;
  private final String job;

  /**
   * @param backend the backend to use on every executor ({@code auto}: the best each has)
   * @param shape the whole job's size, for {@code auto}
   * @param job the job's description, which each block's header repeats
   */
  TileTask(Broadcast<JobInputs> inputs, KernelRequest request, Precision precision,
      String backend, JobShape shape, Path workDirectory, String job) {
    this.inputs = inputs;
    this.architecture = request.architecture().spec();
    this.nngp = request.nngp();
    this.ntk = request.ntk();
    this.precision = precision;
    this.backend = backend;
    this.jobPairs = shape.pairs();
    this.jobFeatures = shape.features();
    this.jobNonlinearities = shape.nonlinearities();
    this.workDirectory = workDirectory.toAbsolutePath().toString();
    this.job = job;
  }

  @Override
  public TileResult apply(Iterator<WorkItem> items) {
    WorkItem item = items.next();
    TaskContext task = TaskContext.get();
    int gpu = gpuAddress(task);
    BackendOptions options = new BackendOptions(Math.max(1, task.cpus()), precision,
        Math.max(0, gpu));
    String name = ExecutorBackends.resolve(backend,
        new JobShape(jobPairs, jobFeatures, jobNonlinearities));
    KernelBackend open = ExecutorBackends.borrow(name, options);
    if (item.kind() == WorkItem.Kind.BACKEND_CHECK) {
      ExecutorBackends.giveBack(name, options, open);
      return new TileResult(item, 0, null, null, null, null, open.name(), gpu, executor());
    }
    KernelRequest request = inputs.value().request(item, Architecture.parse(architecture), nngp,
        ntk);
    Kernels kernels;
    try {
      kernels = open.compute(request);
    } catch (RuntimeException | Error e) {
      open.close();
      throw e;
    }
    ExecutorBackends.giveBack(name, options, open);
    boolean tile = item.kind() == WorkItem.Kind.TILE;
    long crc = tile ? writeBlock(item, kernels) : 0;
    return new TileResult(item, crc, kernels.nngpDiag1(), kernels.ntkDiag1(),
        tile ? kernels.nngpDiag2() : null, tile ? kernels.ntkDiag2() : null, open.name(), gpu,
        executor());
  }

  private static String executor() {
    return SparkEnv.get().executorId();
  }

  private long writeBlock(WorkItem item, Kernels kernels) {
    Path directory = Path.of(workDirectory);
    if (!Files.isDirectory(directory)) {
      throw new InvalidInputException("the work directory " + directory + " does not exist on"
          + " executor " + executor() + ": it must be on a filesystem that the driver and every"
          + " executor share (--spark-work-dir)");
    }
    try {
      return BlockFiles.write(BlockFiles.path(directory, item.index()),
          BlockFiles.header(job, item), kernels, precision);
    } catch (IOException e) {
      throw new UncheckedIOException("executor " + executor() + " cannot write the block of"
          + " tile " + item.index(), e);
    }
  }

  /** The first GPU Spark assigned to this task, or -1. */
  private static int gpuAddress(TaskContext task) {
    Map<String, ResourceInformation> resources = task.resourcesJMap();
    ResourceInformation gpu = resources.get(GPU);
    if (gpu == null || gpu.addresses().length == 0) {
      return -1;
    }
    String address = gpu.addresses()[0];
    try {
      return Integer.parseInt(address.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Spark gave this task the GPU '" + address + "', which"
          + " is not a device index: the GPU discovery script must print indices (0, 1, ...)");
    }
  }
}
