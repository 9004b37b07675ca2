package org.ntk4j.linalg;

import java.util.Arrays;

/** A dense row-major float64 matrix: the currency between the library's parts. */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final double[] data;

  /** Wraps {@code data} (row-major, length rows·cols) without copying. */
  public Matrix(int rows, int cols, double[] data) {
    if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
      throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs "
          + (long) rows * cols + " values, got " + data.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  public static Matrix zeros(int rows, int cols) {
    return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  /** A matrix from rows given as arrays (for tests and small inputs). */
  public static Matrix of(double[]... rowValues) {
    int r = rowValues.length;
    int c = r == 0 ? 0 : rowValues[0].length;
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (rowValues[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + rowValues[i].length
            + " values, expected " + c);
      }
      System.arraycopy(rowValues[i], 0, d, i * c, c);
    }
    return new Matrix(r, c, d);
  }

  public static Matrix identity(int n) {
    Matrix m = zeros(n, n);
    for (int i = 0; i < n; i++) {
      m.set(i, i, 1.0);
    }
    return m;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The backing row-major array (not a copy). */
  public double[] data() {
    return data;
  }

  public double get(int i, int j) {
    return data[i * cols + j];
  }

  public void set(int i, int j, double v) {
    data[i * cols + j] = v;
  }

  public double[] row(int i) {
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }

  public Matrix transpose() {
    Matrix t = zeros(cols, rows);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t.data[j * rows + i] = data[i * cols + j];
      }
    }
    return t;
  }

  /** Rows [from, to) as a new matrix. */
  public Matrix rowRange(int from, int to) {
    return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /** The Frobenius norm ‖A‖. */
  public double frobeniusNorm() {
    double s = 0;
    for (double v : data) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** ‖this − ref‖ / ‖ref‖, the library's measure of agreement. */
  public double relativeError(Matrix ref) {
    requireSameShape(ref);
    double num = 0;
    double den = 0;
    for (int i = 0; i < data.length; i++) {
      double diff = data[i] - ref.data[i];
      num += diff * diff;
      den += ref.data[i] * ref.data[i];
    }
    return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
  }

  public void requireSameShape(Matrix other) {
    if (other.rows != rows || other.cols != cols) {
      throw new IllegalArgumentException("shapes differ: " + shape() + " vs " + other.shape());
    }
  }

  /** The shape as "(rows, cols)", as numpy prints it. */
  public String shape() {
    return "(" + rows + ", " + cols + ")";
  }

  @Override
  public String toString() {
    return "Matrix" + shape();
  }
}
