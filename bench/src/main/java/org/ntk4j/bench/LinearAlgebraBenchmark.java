package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.backend.opencl.OpenClLinearAlgebra;
import org.ntk4j.linalg.HostLinearAlgebra;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NativeLinearAlgebra;
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
 * Cholesky, symmetric eigendecomposition and GEMM, float64, n × n, on every host linear
 * algebra: {@code native} (OpenBLAS through JavaCPP; the matrices in its own native storage,
 * as predict holds kernels), {@code java} (the EJML/ojAlgo oracle, heap arrays) and
 * {@code opencl} (the hand-written device kernels on device 0, PoCL here; host to host).
 * Flops: Cholesky n³/3, GEMM 2n³; eigh is reported as time (LAPACK's syevd does ~(4/3 + 2)n³
 * flops with eigenvectors, tridiagonalization included). numpy's times for the same operations
 * come from bench/scripts/linalg_numpy.py, run beside it.
 *
 * <p>The oracle and PoCL are slow past n = 2000–5000 (ojAlgo's eigh ~150 s at n = 5000): pick
 * the cells to run with {@code -p impl=... -p n=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class LinearAlgebraBenchmark {

  @Param({"native", "java", "opencl"})
  public String impl;

  @Param({"2000", "5000", "10000"})
  public int n;

  private LinearAlgebra la;
  private Matrix a;
  private Matrix b;

  @Setup
  public void setup() {
    la = switch (impl) {
      case "native" -> HostLinearAlgebra.open(Precision.FLOAT64);
      case "java" -> new JavaLinearAlgebra();
      case "opencl" -> new OpenClLinearAlgebra(0, Precision.FLOAT64);
      default -> throw new IllegalArgumentException("impl " + impl);
    };
    if (impl.equals("native") && !(la instanceof NativeLinearAlgebra)) {
      throw new IllegalStateException("native BLAS did not load: " + HostLinearAlgebra.describe());
    }
    // A Wigner matrix (entries ±√(3/n)·uniform) has its spectrum in [−2, 2]; + 3·I: SPD, κ ≈ 5.
    SplittableRandom random = new SplittableRandom(7);
    double scale = Math.sqrt(3.0 / n);
    Matrix heapA = Matrix.zeros(n, n);
    Matrix heapB = Matrix.zeros(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = random.nextDouble(-1, 1) * scale + (i == j ? 3 : 0);
        heapA.set(i, j, v);
        heapA.set(j, i, v);
        heapB.set(i, j, random.nextDouble(-1, 1));
        heapB.set(j, i, random.nextDouble(-1, 1));
      }
    }
    a = stored(heapA);
    b = stored(heapB);
  }

  /** Where this implementation keeps its operands (native memory for native). */
  private Matrix stored(Matrix heap) {
    Matrix m = la.allocator().allocate(heap.rows(), heap.cols());
    heap.copyInto(m);
    return m;
  }

  @TearDown
  public void tearDown() {
    a.close();
    b.close();
    la.close();
  }

  @Benchmark
  public double cholesky() {
    try (Matrix l = la.cholesky(a)) {
      return l.get(n - 1, n - 1);
    }
  }

  @Benchmark
  public double eigh() {
    SymmetricEigen e = la.eigh(a);
    try (Matrix v = e.vectors()) {
      return e.max() + v.get(0, 0);
    }
  }

  @Benchmark
  public double gemm() {
    try (Matrix c = la.multiply(a, b)) {
      return c.get(n - 1, 0);
    }
  }
}
