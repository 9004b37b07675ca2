package org.ntk4j.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The limit probe's recursion and output: the depth-L ReLU NNGP + NTK recursion of
 * {@link BenchInputs#reluNet} over the upper triangle of a given Gram matrix, written as fast
 * as the JVM can run it: explicit SIMD vectors of the widest width (the Vector API, whose
 * atan2 and sqrt are Intel SVML routines and hardware instructions) on every core, each pair's
 * per-input variances read from tables. Per layer (NTK parameterization, σw² = w, σb² = b):
 * dense q12 ← w·q12 + b, Θ ← q12 + w·Θ; ReLU s = √max(q11·q22 − q12², 0), θ = atan2(s, q12)
 * (π/2 when s = q12 = 0), q12 ← (s + (π − θ)·q12)/(2π), Θ ← Θ·(π − θ)/(2π).
 */
final class VectorReluRecursion implements AutoCloseable {
  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;
  private static final int CHUNK_ROWS = 16;

  private final int depth;
  private final double w;
  private final double b;
  private final ExecutorService pool;
  private final int threads;

  VectorReluRecursion(int depth, double wStd, double bStd, int threads) {
    this.depth = depth;
    this.w = wStd * wStd;
    this.b = bStd * bStd;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "relu-recursion");
      t.setDaemon(true);
      return t;
    });
  }

  /** The SIMD width in float64 lanes. */
  static int lanes() {
    return LANES.length();
  }

  /**
   * vars[l][i]: input i's variance before ReLU l, from its squared norm / d: q ← w·q + b at
   * each dense, q ← q/2 at each ReLU.
   */
  double[][] variances(double[] norms) {
    double[][] vars = new double[depth][norms.length];
    for (int i = 0; i < norms.length; i++) {
      double q = norms[i];
      for (int l = 0; l < depth; l++) {
        q = w * q + b;
        vars[l][i] = q;
        q = q / 2;
      }
    }
    return vars;
  }

  /**
   * Fills the upper triangles (j ≥ i) of the n × n row-major {@code nngp} and {@code ntk} from
   * the upper triangle of {@code gram} (n × n row-major float64, native byte order, Gram / d),
   * or with {@code wholeRows} every entry from the whole of {@code gram}.
   */
  void run(ByteBuffer gram, int n, double[][] vars, double[] nngp, double[] ntk,
      boolean wholeRows) {
    ByteBuffer g = gram.duplicate().order(ByteOrder.nativeOrder());
    onEveryCore(n, CHUNK_ROWS, i -> row(g, n, i, wholeRows ? 0 : i, vars, nngp, ntk));
  }

  /**
   * Copies the upper triangles of the n × n matrices to their lower ones (what a symmetric job
   * must do to hand out whole matrices), in 32 × 32 blocks on every core.
   */
  void mirror(int n, DoubleBuffer... matrices) {
    int block = 32;
    onEveryCore((n + block - 1) / block, 1, bi -> {
      int i0 = bi * block;
      for (DoubleBuffer m : matrices) {
        for (int j0 = i0; j0 < n; j0 += block) {
          for (int i = i0; i < Math.min(n, i0 + block); i++) {
            for (int j = Math.max(j0, i + 1); j < Math.min(n, j0 + block); j++) {
              m.put(j * n + i, m.get(i * n + j));
            }
          }
        }
      }
    });
  }

  /** Runs task(i) for i in [0, count), chunks of {@code chunk} handed out to every thread. */
  private void onEveryCore(int count, int chunk, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      parts.add(pool.submit(() -> {
        for (int i0; (i0 = next.getAndAdd(chunk)) < count; ) {
          for (int i = i0; i < Math.min(count, i0 + chunk); i++) {
            task.accept(i);
          }
        }
      }));
    }
    try {
      for (Future<?> f : parts) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("probe task failed", e);
    }
  }

  private void row(ByteBuffer g, int n, int i, int from, double[][] vars, double[] nngp,
      double[] ntk) {
    int base = i * n;
    int j = from;
    for (; j + LANES.length() <= n; j += LANES.length()) {
      DoubleVector q = DoubleVector.fromByteBuffer(LANES, g, (base + j) * Double.BYTES,
          ByteOrder.nativeOrder());
      DoubleVector t = DoubleVector.zero(LANES);
      for (int l = 0; l < depth; l++) {
        q = q.mul(w).add(b);
        t = q.add(t.mul(w));
        DoubleVector p = DoubleVector.fromArray(LANES, vars[l], j).mul(vars[l][i]);
        DoubleVector s = p.sub(q.mul(q)).max(0.0).lanewise(VectorOperators.SQRT);
        VectorMask<Double> orthogonalZero = s.eq(0.0).and(q.eq(0.0));
        DoubleVector theta = s.lanewise(VectorOperators.ATAN2, q)
            .blend(Math.PI / 2, orthogonalZero);
        DoubleVector rest = theta.neg().add(Math.PI);
        q = s.add(rest.mul(q)).mul(1 / (2 * Math.PI));
        t = t.mul(rest.mul(1 / (2 * Math.PI)));
      }
      q = q.mul(w).add(b);
      t = q.add(t.mul(w));
      q.intoArray(nngp, base + j);
      t.intoArray(ntk, base + j);
    }
    for (; j < n; j++) {
      double q = g.getDouble((base + j) * Double.BYTES);
      double t = 0;
      for (int l = 0; l < depth; l++) {
        q = w * q + b;
        t = q + w * t;
        double s = Math.sqrt(Math.max(vars[l][i] * vars[l][j] - q * q, 0.0));
        double theta = s == 0 && q == 0 ? Math.PI / 2 : Math.atan2(s, q);
        q = (s + (Math.PI - theta) * q) / (2 * Math.PI);
        t = t * ((Math.PI - theta) / (2 * Math.PI));
      }
      q = w * q + b;
      nngp[base + j] = q;
      ntk[base + j] = q + w * t;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
