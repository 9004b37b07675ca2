package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
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
    SplittableRandom random = new SplittableRandom(42);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-1, 1);
    }
    request = KernelRequest.symmetric(Architecture.parse(reluNet(depth)), new Matrix(n, d, x));
    backend = new JavaBackend();
  }

  /** depth × (dense, relu) and a dense readout, in neural-tangents' NTK parameterization. */
  static String reluNet(int depth) {
    StringBuilder s = new StringBuilder();
    for (int l = 0; l < depth; l++) {
      s.append("dense(512, w_std=1.5, b_std=0.05), relu(), ");
    }
    return s.append("dense(1, w_std=1.5, b_std=0.05)").toString();
  }

  @Benchmark
  public Kernels nngpAndNtk() {
    return backend.compute(request);
  }
}
