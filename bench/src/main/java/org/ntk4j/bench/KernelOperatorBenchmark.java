package org.ntk4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.Placement;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One block product K·V (N × N times N × k), the step every iteration of the Krylov solvers
 * takes, for each place K can be held: float64 or float32 on the heap, float32 in native memory,
 * a float32 .npy file memory-mapped (warm in the page cache after the first iteration). A symmetric random K; the
 * rate is N²·k multiply-adds per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class KernelOperatorBenchmark {

  @Param({"8000"})
  public int n;

  @Param({"10"})
  public int k;

  @Param({"memory-float64", "memory-float32", "native-float32", "npy-float32"})
  public String storage;

  private KernelOperator op;
  private Matrix v;
  private Path file;

  @Setup
  public void setup() throws IOException {
    SplittableRandom r = new SplittableRandom(1);
    Matrix kernel = Matrix.zeros(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double x = r.nextDouble();
        kernel.set(i, j, x);
        kernel.set(j, i, x);
      }
    }
    v = Matrix.zeros(n, k);
    for (int i = 0; i < v.data().length; i++) {
      v.data()[i] = r.nextDouble() - 0.5;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    switch (storage) {
      case "memory-float64" -> op = DenseKernelOperator.of(kernel, threads);
      case "memory-float32" -> op = DenseKernelOperator.of(kernel, Precision.FLOAT32, threads);
      case "native-float32" -> op = DenseKernelOperator.owning(
          kernel.to(Precision.FLOAT32, Placement.NATIVE), threads);
      default -> {
        file = Files.createTempFile("ntk4j-bench-k", ".npy");
        Npy.write(file, kernel, NpyDtype.FLOAT32);
        op = DenseKernelOperator.owning(Npy.map(file, false), threads);
      }
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    op.close();
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  @Benchmark
  public Matrix product() {
    return op.multiply(v);
  }
}
