package org.ntk4j.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's limit for the reference job (as {@link OpenClKernelBenchmark}: NNGP + NTK of a
 * depth-{@code depth} ReLU net, N × d uniform inputs against themselves, float64, both handed
 * out as whole N × N matrices), measured, so that a backend's time reads as a fraction of it.
 * The job's parts at their best on this CPU, one after the other:
 * <ul>
 *   <li>{@code gram}: the upper triangle of X·Xᵀ/d by native OpenBLAS {@code dsyrk} (JavaCPP's
 *       preset, every core) — the Gram at the machine's BLAS rate;</li>
 *   <li>{@code recursion}: the layer recursion over those N(N+1)/2 entries, SIMD on every core
 *       ({@link VectorReluRecursion}), NNGP and NTK written to memory;</li>
 *   <li>{@code mirror}: their upper triangles copied to the lower ones, on every core;</li>
 *   <li>{@code limit}: all three, the limit's time for the job; {@code gramThenRecursion}: the
 *       first two, the compute alone;</li>
 *   <li>{@code straightforward}: the same output without exploiting symmetry beyond BLAS: the
 *       Gram as a whole matrix (dsyrk and its mirror, as numpy's X·Xᵀ), then the recursion over
 *       every entry — the limit as issue 15 and the design notes computed it (the Gram at the
 *       BLAS rate plus N² entries at the recursion's vectorized rate).</li>
 * </ul>
 * Output buffers are reused (the job allocates new matrices every time, which the limit does
 * not charge). A fused kernel can beat the sum only by overlapping the parts (the Gram is
 * compute-bound, so it cannot overlap much on CPU cores that do both). Setup checks the
 * mirrored recursion against the oracle on a corner of the matrix, so the probe times the real
 * job. {@link ProcessCpu} adds the process's CPU time per operation (run with
 * OPENBLAS_THREAD_TIMEOUT=4 so that OpenBLAS's idle threads do not spin it up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LimitProbeBenchmark {
  private static final double W_STD = 1.5;
  private static final double B_STD = 0.05;

  @Param({"4000"})
  public int n;

  @Param({"784"})
  public int d;

  @Param({"5"})
  public int depth;

  private DoublePointer x;
  private DoublePointer gram;
  private ByteBuffer gramBytes;
  private double[][] vars;
  private double[] nngp;
  private double[] ntk;
  private VectorReluRecursion recursion;

  @Setup
  public void setup() {
    if ((long) n * n * Double.BYTES > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("n = " + n + ": the probe's Gram buffer is int-indexed");
    }
    Matrix inputs = BenchInputs.uniform(n, d, 42);
    x = new DoublePointer(inputs.data());
    gram = new DoublePointer((long) n * n);
    gramBytes = gram.asByteBuffer().order(ByteOrder.nativeOrder());
    nngp = new double[n * n];
    ntk = new double[n * n];
    recursion = new VectorReluRecursion(depth, W_STD, B_STD,
        Runtime.getRuntime().availableProcessors());
    syrk();
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = gram.get((long) i * n + i);
    }
    vars = recursion.variances(norms);
    straightforward(new ProcessCpu());
    checkAgainstOracle(inputs);
    Arrays.fill(nngp, Double.NaN);
    Arrays.fill(ntk, Double.NaN);
    limit(new ProcessCpu());
    checkAgainstOracle(inputs);
  }

  /** The oracle's NNGP and NTK of the first rows against the first columns. */
  private void checkAgainstOracle(Matrix inputs) {
    int m = Math.min(n, 48);
    Matrix corner = inputs.rowRange(0, m);
    Kernels k = new JavaBackend().compute(KernelRequest.symmetric(
        Architecture.parse(BenchInputs.reluNet(depth)), corner));
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        expectClose("nngp", i, j, k.nngp().get(i, j), nngp[i * n + j]);
        expectClose("ntk", i, j, k.ntk().get(i, j), ntk[i * n + j]);
      }
    }
  }

  private static void expectClose(String what, int i, int j, double expected, double actual) {
    if (!(Math.abs(actual - expected) <= 1e-10 * Math.abs(expected))) {
      throw new IllegalStateException("limit probe " + what + "(" + i + ", " + j + ") = "
          + actual + ", oracle " + expected);
    }
  }

  @TearDown
  public void tearDown() {
    recursion.close();
    x.close();
    gram.close();
  }

  @Benchmark
  public DoublePointer gram(ProcessCpu cpu) {
    cpu.measure(this::syrk);
    return gram;
  }

  @Benchmark
  public double[] recursion(ProcessCpu cpu) {
    cpu.measure(this::recurse);
    return ntk;
  }

  @Benchmark
  public double[] mirror(ProcessCpu cpu) {
    cpu.measure(this::mirrorOutputs);
    return ntk;
  }

  @Benchmark
  public double[] limit(ProcessCpu cpu) {
    cpu.measure(() -> {
      syrk();
      recurse();
      mirrorOutputs();
    });
    return ntk;
  }

  @Benchmark
  public double[] straightforward(ProcessCpu cpu) {
    cpu.measure(() -> {
      syrk();
      recursion.mirror(n, gramBytes.asDoubleBuffer());
      recursion.run(gramBytes, n, vars, nngp, ntk, true);
    });
    return ntk;
  }

  @Benchmark
  public double[] gramThenRecursion(ProcessCpu cpu) {
    cpu.measure(() -> {
      syrk();
      recurse();
    });
    return ntk;
  }

  private void syrk() {
    openblas_nolapack.cblas_dsyrk(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasUpper,
        openblas_nolapack.CblasNoTrans, n, d, 1.0 / d, x, d, 0.0, gram, n);
  }

  private void recurse() {
    recursion.run(gramBytes, n, vars, nngp, ntk, false);
  }

  private void mirrorOutputs() {
    recursion.mirror(n, DoubleBuffer.wrap(nngp), DoubleBuffer.wrap(ntk));
  }
}
