package org.ntk4j.backend.device;

import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;

/** A row-major matrix in device memory, float64 or float32; freed on close. */
public final class DeviceMatrix implements AutoCloseable {
  private final int rows;
  private final int cols;
  private final Precision precision;
  private final DeviceBuffer buffer;

  private DeviceMatrix(int rows, int cols, Precision precision, DeviceBuffer buffer) {
    this.rows = rows;
    this.cols = cols;
    this.precision = precision;
    this.buffer = buffer;
  }

  /** An uninitialized rows × cols matrix; {@code what} names it in an error message. */
  public static DeviceMatrix allocate(DeviceRuntime runtime, int rows, int cols,
      Precision precision, String what) {
    return new DeviceMatrix(rows, cols, precision,
        runtime.allocate((long) rows * cols * precision.bytes(), what));
  }

  /** A copy of {@code m} on the device (rounded to float when the precision is FLOAT32). */
  public static DeviceMatrix upload(DeviceRuntime runtime, Matrix m, Precision precision,
      String what) {
    DeviceMatrix d = allocate(runtime, m.rows(), m.cols(), precision, what);
    try {
      d.buffer.writeReals(m.toDoubleArray(), precision);
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
    return d;
  }

  /** The matrix copied back to the host as float64. */
  public Matrix download() {
    return new Matrix(rows, cols, buffer.readReals(rows * cols, precision));
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public DeviceBuffer buffer() {
    return buffer;
  }

  /** The part of this matrix that starts at element (i, j), as a product operand. */
  public MatrixRegion at(int i, int j) {
    return new MatrixRegion(buffer, (long) i * cols + j, cols);
  }

  /** The whole matrix as a product operand. */
  public MatrixRegion region() {
    return at(0, 0);
  }

  @Override
  public void close() {
    buffer.close();
  }
}
