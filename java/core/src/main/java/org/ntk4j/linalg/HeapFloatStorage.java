package org.ntk4j.linalg;

import org.ntk4j.Precision;

/** float32 values in a float[]: half the memory of float64, rounded on every store. */
final class HeapFloatStorage implements MatrixStorage {
  private final float[] values;

  HeapFloatStorage(float[] values) {
    this.values = values;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public Placement placement() {
    return Placement.HEAP;
  }

  @Override
  public long size() {
    return values.length;
  }

  @Override
  public double get(long index) {
    return values[(int) index];
  }

  @Override
  public void set(long index, double value) {
    values[(int) index] = (float) value;
  }

  @Override
  public void get(long index, double[] dst, int at, int count) {
    int from = (int) index;
    for (int j = 0; j < count; j++) {
      dst[at + j] = values[from + j];
    }
  }

  float[] floats() {
    return values;
  }
}
