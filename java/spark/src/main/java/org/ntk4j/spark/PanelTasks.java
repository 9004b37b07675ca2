package org.ntk4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.ntk4j.linalg.Matrix;

/**
 * What a {@link SparkKernelOperator}'s tasks do with their panel, and how the driver puts the
 * answers together: every task answers for its own rows, so the driver copies each part into
 * place and nothing is summed across tasks.
 */
final class PanelTasks {
  private PanelTasks() {}

  /**
   * A task's part of an answer: {@code values} row-major, {@code width} per row, row i going to
   * row {@code positions[i]} of the result.
   */
  record Part(int[] positions, double[] values) implements Serializable {}

  /** The parts as one matrix of {@code rows} × {@code width}. */
  static Matrix assemble(List<Part> parts, int rows, int width) {
    double[] out = new double[Math.multiplyExact(rows, width)];
    for (Part p : parts) {
      for (int i = 0; i < p.positions().length; i++) {
        System.arraycopy(p.values(), i * width, out, p.positions()[i] * width, width);
      }
    }
    return new Matrix(rows, width, out);
  }

  private static int[] range(Panel p) {
    return IntStream.range(p.r0(), p.r0() + p.rows()).toArray();
  }

  /** A recomputed panel made a cached one: its kernel computed once, counted. */
  static final class Cache implements Function<Panel, Panel> {
    private static final long serialVersionUID = 1L;
    private final LongAccumulator computed;

    Cache(LongAccumulator computed) {
      this.computed = computed;
    }

    @Override
    public Panel call(Panel place) {
      RecomputedPanel p = (RecomputedPanel) place;
      CachedPanel cached = new CachedPanel(p.r0(), p.kernel().rows(p.r0(), p.rows()),
          p.kernel().precision());
      computed.add(1);
      return cached;
    }
  }

  /** The panel's rows of K·V, V broadcast as its n × k values. */
  static final class Product implements Function<Panel, Part> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<double[]> v;
    private final int n;
    private final int k;

    Product(Broadcast<double[]> v, int n, int k) {
      this.v = v;
      this.n = n;
      this.k = k;
    }

    @Override
    public Part call(Panel p) {
      return new Part(range(p), p.times(new Matrix(n, k, v.value())).toDoubleArray());
    }
  }

  /** The rows of K at {@code indices} that lie in the panel. */
  static final class Rows implements Function<Panel, Part> {
    private static final long serialVersionUID = 1L;
    private final int[] indices;

    Rows(int[] indices) {
      this.indices = indices;
    }

    @Override
    public Part call(Panel p) {
      int[] positions = IntStream.range(0, indices.length)
          .filter(i -> indices[i] >= p.r0() && indices[i] < p.r0() + p.rows()).toArray();
      if (positions.length == 0) {
        return new Part(positions, new double[0]);
      }
      int[] mine = Arrays.stream(positions).map(i -> indices[i]).toArray();
      return new Part(positions, p.rowsAt(mine).toDoubleArray());
    }
  }

  /** The panel's part of K's diagonal. */
  static final class Diagonal implements Function<Panel, Part> {
    private static final long serialVersionUID = 1L;

    @Override
    public Part call(Panel p) {
      return new Part(range(p), p.diagonal());
    }
  }
}
