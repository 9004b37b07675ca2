package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.backend.cuda.CudaLinearAlgebra;
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
 * Cholesky and symmetric eigendecomposition on the GPU, float64, of a well-conditioned SPD
 * matrix, host-to-host (upload, factor, download), one per
 * invocation. Cholesky's rate in flops is n³/3 per factorization; eigh is measured only at the
 * sizes where cyclic Jacobi finishes in reasonable time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx48g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class CudaLinearAlgebraBenchmark {

  /** A symmetric positive definite n × n matrix, condition number about 5. */
  static Matrix spd(int n) {
    CudaBench.requireCuda();
    // A Wigner matrix (entries ±1/√n) has its spectrum in [−2, 2]; + 3·I makes it SPD.
    Matrix u = BenchInputs.uniform(n, n, 7);
    double[] a = new double[n * n];
    double scale = Math.sqrt(3.0 / n); // uniform(−1, 1) has variance 1/3
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = u.get(i, j) * scale + (i == j ? 3 : 0);
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    return new Matrix(n, n, a);
  }

  /** Cholesky sizes. */
  @State(Scope.Benchmark)
  public static class CholeskyInput {
    @Param({"8192", "16384", "32768"})
    public int n;

    Matrix a;

    @Setup
    public void make() {
      a = spd(n);
    }
  }

  /** Eigendecomposition sizes: cyclic Jacobi is O(n³) per sweep with ~10 sweeps. */
  @State(Scope.Benchmark)
  public static class EighInput {
    @Param({"4096", "8192"})
    public int n;

    Matrix a;

    @Setup
    public void make() {
      a = spd(n);
    }
  }

  private CudaLinearAlgebra la;

  @Setup
  public void open() {
    CudaBench.requireCuda();
    la = CudaLinearAlgebra.open(0, Precision.FLOAT64);
  }

  @Benchmark
  public Matrix cholesky(CholeskyInput in) {
    return la.cholesky(in.a);
  }

  /** Minutes per call at n = 8192: one measured call, no warm-up (the JIT is irrelevant here). */
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public SymmetricEigen eigh(EighInput in) {
    return la.eigh(in.a);
  }

  @TearDown
  public void close() {
    if (la != null) {
      la.close();
    }
  }
}
