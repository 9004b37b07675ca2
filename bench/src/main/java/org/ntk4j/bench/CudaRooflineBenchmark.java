package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.backend.cuda.CudaRoofline;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This GPU's roofline, measured in the same run as the kernels: device-memory bandwidth
 * ({@code bytes}/s, a 1 GiB copy counted as read + write) and the float64 and float32 FMA rates
 * ({@code flops}/s, 2 per FMA).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
public class CudaRooflineBenchmark {
  private CudaRoofline roofline;

  /** Bytes moved and floating-point operations done. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Work {
    public long bytes;
    public long flops;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      flops = 0;
    }
  }

  @Setup
  public void open() {
    CudaBench.requireCuda();
    roofline = new CudaRoofline(0, 1L << 30);
  }

  @Benchmark
  public void copyBandwidth(Work work) {
    work.bytes += roofline.copy();
  }

  @Benchmark
  public void fmaFloat64(Work work) {
    work.flops += roofline.fma(Precision.FLOAT64);
  }

  @Benchmark
  public void fmaFloat32(Work work) {
    work.flops += roofline.fma(Precision.FLOAT32);
  }

  @TearDown
  public void close() {
    if (roofline != null) {
      roofline.close();
    }
  }
}
