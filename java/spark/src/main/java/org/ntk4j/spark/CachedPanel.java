package org.ntk4j.spark;

import org.apache.spark.TaskContext;
import org.ntk4j.Precision;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.linalg.Matrix;

/**
 * A row panel computed once and held by the executor that computed it (Spark caches it; a lost
 * executor's panels are computed again from the RDD's lineage by whichever executor needs
 * them): float64 values, or float32 when that is the operator's precision. Plain arrays, so that
 * Spark can size them and, when a task runs away from the executor holding its panel, send them.
 */
final class CachedPanel implements Panel {
  private static final long serialVersionUID = 1L;

  private final int r0;
  private final int rows;
  private final int cols;
  /** Exactly one of these holds the values, row-major. */
  private final double[] float64;
  private final float[] float32;

  /** Takes {@code k} (rows × K's columns, float64) in {@code storage} precision. */
  CachedPanel(int r0, Matrix k, Precision storage) {
    this.r0 = r0;
    this.rows = k.rows();
    this.cols = k.cols();
    double[] values = k.toDoubleArray();
    if (storage == Precision.FLOAT64) {
      this.float64 = values;
      this.float32 = null;
    } else {
      this.float64 = null;
      this.float32 = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        float32[i] = (float) values[i];
      }
    }
  }

  @Override
  public int r0() {
    return r0;
  }

  @Override
  public int rows() {
    return rows;
  }

  private Matrix values() {
    return float64 != null ? new Matrix(rows, cols, float64)
        : Matrix.ofFloats(rows, cols, float32);
  }

  /** On the task's cores, by the operators' own panel product (float64 accumulation). */
  @Override
  public Matrix times(Matrix v) {
    try (DenseKernelOperator panel = DenseKernelOperator.of(values(),
        Math.max(1, TaskContext.get().cpus()))) {
      return panel.multiply(v);
    }
  }

  @Override
  public Matrix rowsAt(int[] indices) {
    Matrix k = values();
    Matrix out = Matrix.zeros(indices.length, cols);
    double[] o = out.data();
    for (int r = 0; r < indices.length; r++) {
      k.readRow(indices[r] - r0, 0, cols, o, r * cols);
    }
    return out;
  }

  @Override
  public double[] diagonal() {
    Matrix k = values();
    double[] d = new double[rows];
    for (int i = 0; i < rows; i++) {
      d[i] = k.get(i, r0 + i);
    }
    return d;
  }
}
