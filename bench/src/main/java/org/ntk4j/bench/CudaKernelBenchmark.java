package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.backend.cuda.CudaKernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.stax.Architecture;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused CUDA kernel on the reference job: NNGP + NTK of a depth-{@code depth} ReLU
 * fully-connected net, X (n × d) against itself, every tile copied back to pinned host memory
 * and then dropped (what streaming to a sink costs, minus the sink). The {@code entries}
 * counter is n² per job, so its rate is kernel entries per second, comparable with the oracle's
 * and numpy's (a symmetric job computes only the upper triangle of them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx16g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 10)
public class CudaKernelBenchmark {

  @Param({"16384", "32768"})
  public int n;

  @Param({"784", "3072"})
  public int d;

  @Param({"5", "10"})
  public int depth;

  @Param({"FLOAT64", "FLOAT32"})
  public Precision precision;

  private CudaKernelBackend backend;
  private KernelRequest request;

  /** Kernel entries delivered (n² per job). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Entries {
    public long entries;

    @Setup(Level.Iteration)
    public void reset() {
      entries = 0;
    }
  }

  @Setup
  public void setup() {
    CudaBench.requireCuda();
    request = KernelRequest.symmetric(Architecture.parse(BenchInputs.reluNet(depth)),
        BenchInputs.uniform(n, d, 42));
    backend = new CudaKernelBackend(0, precision);
  }

  @Benchmark
  public void nngpAndNtk(Entries counter) {
    backend.computeInto(request, Discard.INSTANCE, ProgressListener.NONE);
    counter.entries += (long) n * n;
  }

  @TearDown
  public void close() {
    if (backend != null) {
      backend.close();
    }
  }

  /** Takes tiles and keeps nothing. */
  enum Discard implements TileSink {
    INSTANCE;

    @Override
    public void accept(Tile tile, TileValues nngp, TileValues ntk) {}
  }
}
