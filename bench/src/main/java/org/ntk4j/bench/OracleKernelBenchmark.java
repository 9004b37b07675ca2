package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.stax.Architecture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The oracle's throughput on the reference job: NNGP + NTK of a depth-{@code depth} ReLU
 * fully-connected net, X against itself, N × d inputs. Entries per second = N² / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class OracleKernelBenchmark {

  @Param({"2000", "4000"})
  public int n;

  @Param({"784"})
  public int d;

  @Param({"5"})
  public int depth;

  private JavaBackend backend;
  private KernelRequest request;

  @Setup
  public void setup() {
    request = KernelRequest.symmetric(Architecture.parse(BenchInputs.reluNet(depth)),
        BenchInputs.uniform(n, d, 42));
    backend = new JavaBackend();
  }

  @Benchmark
  public Kernels nngpAndNtk() {
    return backend.compute(request);
  }
}
