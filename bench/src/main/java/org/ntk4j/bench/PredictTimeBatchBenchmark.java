package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.TrainingSchedule;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Closed-form MSE predictions (train N × k and test m × k) at {@code times} times from one
 * eigendecomposition: all times in one batched call against one {@code predict} call per time;
 * and, for the test outputs alone with the basis Θ(x, X)·V shared, one product for all times
 * against one product per time. The eigendecomposition (shared by all) is computed in setup and
 * not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class PredictTimeBatchBenchmark {

  @Param({"2000"})
  public int n;

  @Param({"500"})
  public int nTest;

  @Param({"100"})
  public int times;

  @Param({"10"})
  public int outputs;

  private final JavaLinearAlgebra la = new JavaLinearAlgebra();
  private GradientDescentMse gd;
  private Matrix kTestTrain;
  private TrainingSchedule all;
  private TrainingSchedule[] single;
  private Matrix testBasis;
  private Matrix projected;
  private Matrix[] growthRows;
  private Matrix growthAll;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(7);
    int d = n / 2;
    Matrix x = uniform(n + nTest, d, random);
    Matrix gram = la.multiplyTransposeB(x, x);
    double[] k = new double[n * n];
    double[] kt = new double[nTest * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k[i * n + j] = gram.get(i, j) / d;
      }
    }
    for (int i = 0; i < nTest; i++) {
      for (int j = 0; j < n; j++) {
        kt[i * n + j] = gram.get(n + i, j) / d;
      }
    }
    kTestTrain = new Matrix(nTest, n, kt);
    Matrix y = uniform(n, outputs, random);
    gd = new GradientDescentMse(la, new Matrix(n, n, k), y, DiagonalRegularizer.NONE);
    SymmetricEigen eigen = gd.eigen();
    double[] t = new double[times];
    single = new TrainingSchedule[times];
    for (int i = 0; i < times; i++) {
      t[i] = Math.pow(10, -1 + 5.0 * i / Math.max(1, times - 1));
      single[i] = TrainingSchedule.continuous(1, t[i]);
    }
    all = TrainingSchedule.continuous(1, t);
    testBasis = la.multiply(kTestTrain, eigen.vectors());
    projected = la.multiplyTransposeA(eigen.vectors(), y);
    growthRows = new Matrix[times];
    double ySize = (double) n * outputs;
    for (int i = 0; i < times; i++) {
      double[] row = new double[n];
      for (int j = 0; j < n; j++) {
        double l = Math.max(eigen.values()[j], 0);
        row[j] = l > 0 ? -Math.expm1(-l * t[i] / ySize) / l : t[i] / ySize;
      }
      growthRows[i] = new Matrix(1, n, row);
    }
    double[] stacked = new double[times * n];
    for (int i = 0; i < times; i++) {
      System.arraycopy(growthRows[i].data(), 0, stacked, i * n, n);
    }
    growthAll = new Matrix(times, n, stacked);
  }

  private static Matrix uniform(int rows, int cols, SplittableRandom random) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return new Matrix(rows, cols, v);
  }

  /** Every time in one call: two products, each over all T·k columns at once. */
  @Benchmark
  public Prediction batched() {
    return gd.predict(all, null, kTestTrain, null);
  }

  /** One predict call per time (each recomputes Θ(x, X)·V and Vᵀ·y). */
  @Benchmark
  public void separateCalls(Blackhole bh) {
    for (TrainingSchedule s : single) {
      bh.consume(gd.predict(s, null, kTestTrain, null));
    }
  }

  /** Test outputs at every time in one product with the basis shared. */
  @Benchmark
  public Object batchedProductsSharedBasis() {
    return la.diagonalScaledProducts(testBasis, growthAll, projected);
  }

  /** Test outputs one time at a time with the basis shared: only the batching differs. */
  @Benchmark
  public void separateProductsSharedBasis(Blackhole bh) {
    for (Matrix row : growthRows) {
      bh.consume(la.diagonalScaledProducts(testBasis, row, projected));
    }
  }
}
