package org.ntk4j.linalg;

import org.ntk4j.Precision;

/** float64 values in a double[] (the fast path every pure-Java routine reads directly). */
final class HeapStorage implements MatrixStorage {
  private final double[] values;

  HeapStorage(double[] values) {
    this.values = values;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
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
    values[(int) index] = value;
  }

  @Override
  public void get(long index, double[] dst, int at, int count) {
    System.arraycopy(values, (int) index, dst, at, count);
  }

  @Override
  public double[] array() {
    return values;
  }
}
