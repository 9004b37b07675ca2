package org.ntk4j.backend.cuda;

import jcuda.Pointer;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;

/** A row-major matrix in GPU memory, float64 or float32; freed on close. */
final class DeviceMatrix implements AutoCloseable {
  final int rows;
  final int cols;
  final Precision precision;
  final DeviceBuffer buffer;

  DeviceMatrix(int rows, int cols, Precision precision, String what) {
    this.rows = rows;
    this.cols = cols;
    this.precision = precision;
    this.buffer = new DeviceBuffer((long) rows * cols * bytes(precision), what);
  }

  static int bytes(Precision p) {
    return p == Precision.FLOAT64 ? 8 : 4;
  }

  /** A copy of {@code m} on the GPU (rounded to float when the precision is float32). */
  static DeviceMatrix upload(Matrix m, Precision precision, String what) {
    DeviceMatrix d = new DeviceMatrix(m.rows(), m.cols(), precision, what);
    long bytes = (long) m.data().length * bytes(precision);
    if (bytes > 0) {
      d.buffer.upload(host(m.data(), precision), bytes);
    }
    return d;
  }

  static Pointer host(double[] values, Precision precision) {
    if (precision == Precision.FLOAT64) {
      return Pointer.to(values);
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return Pointer.to(f);
  }

  /** The matrix copied back to the host as float64. */
  Matrix download() {
    int n = rows * cols;
    double[] out = new double[n];
    if (n == 0) {
      return new Matrix(rows, cols, out);
    }
    if (precision == Precision.FLOAT64) {
      buffer.download(Pointer.to(out), (long) n * 8);
    } else {
      float[] f = new float[n];
      buffer.download(Pointer.to(f), (long) n * 4);
      for (int i = 0; i < n; i++) {
        out[i] = f[i];
      }
    }
    return new Matrix(rows, cols, out);
  }

  /** A pointer to element (i, j). */
  jcuda.driver.CUdeviceptr at(int i, int j) {
    return buffer.at(((long) i * cols + j) * bytes(precision));
  }

  @Override
  public void close() {
    buffer.close();
  }
}
