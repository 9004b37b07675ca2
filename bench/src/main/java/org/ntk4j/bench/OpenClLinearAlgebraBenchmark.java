package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.backend.opencl.OpenClLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;
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
 * Cholesky and symmetric eigendecomposition on an OpenCL device (PoCL on the CPU here), float64,
 * of a well-conditioned SPD n × n matrix, host to host (upload, factor, download). Cholesky's
 * rate in flops is n³/3 per factorization; cyclic Jacobi does ~10 sweeps of ~4n³ flops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class OpenClLinearAlgebraBenchmark {

  @Param({"1000", "2000"})
  public int n;

  @Param({"0"})
  public int device;

  private OpenClLinearAlgebra la;
  private Matrix a;

  @Setup
  public void setup() {
    la = new OpenClLinearAlgebra(device, Precision.FLOAT64);
    // A Wigner matrix (entries ±√(3/n)·uniform) has its spectrum in [−2, 2]; + 3·I: SPD, κ ≈ 5.
    SplittableRandom random = new SplittableRandom(7);
    double scale = Math.sqrt(3.0 / n);
    double[] x = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = random.nextDouble(-1, 1) * scale + (i == j ? 3 : 0);
        x[i * n + j] = v;
        x[j * n + i] = v;
      }
    }
    a = new Matrix(n, n, x);
  }

  @TearDown
  public void tearDown() {
    la.close();
  }

  @Benchmark
  public Matrix cholesky() {
    return la.cholesky(a);
  }

  @Benchmark
  public SymmetricEigen eigh() {
    return la.eigh(a);
  }
}
