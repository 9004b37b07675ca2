package org.ntk4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.stax.Architecture;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What one Spark task runs on its executor: the kernels of its work item on the executor's
 * backend ({@link ExecutorBackends#use}), the tile written as a block file into the shared work
 * directory.
 */
final class TileTask extends AbstractFunction1<Iterator<WorkItem>, TileResult>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<JobInputs> inputs;
  private final String architecture;
  private final boolean nngp;
  private final boolean ntk;
  private final Precision precision;
  private final TaskBackend backend;
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
    this.backend = new TaskBackend(backend, precision, shape);
    this.workDirectory = workDirectory.toAbsolutePath().toString();
    this.job = job;
  }

  @Override
  public TileResult apply(Iterator<WorkItem> items) {
    WorkItem item = items.next();
    int gpu = ExecutorBackends.taskGpu();
    if (item.kind() == WorkItem.Kind.BACKEND_CHECK) {
      String name = backend.use(KernelBackend::name);
      return new TileResult(item, 0, null, null, null, null, name, gpu, executor());
    }
    KernelRequest request = inputs.value().request(item, Architecture.parse(architecture), nngp,
        ntk);
    Computed computed = backend.use(open -> new Computed(open.name(), open.compute(request)));
    Kernels kernels = computed.kernels();
    boolean tile = item.kind() == WorkItem.Kind.TILE;
    long crc = tile ? writeBlock(item, kernels) : 0;
    return new TileResult(item, crc, kernels.nngpDiag1(), kernels.ntkDiag1(),
        tile ? kernels.nngpDiag2() : null, tile ? kernels.ntkDiag2() : null, computed.backend(),
        gpu, executor());
  }

  /** The kernels of one item and the backend that computed them. */
  private record Computed(String backend, Kernels kernels) {}

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
}
