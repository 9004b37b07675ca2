package org.ntk4j.linalg;

import org.ntk4j.Precision;

/**
 * Where a {@link Matrix}'s row-major values live: a Java array, native (off-heap) memory, or a
 * memory-mapped file. Indices are longs, so a matrix may hold more than 2³¹ entries wherever the
 * storage is not a Java array.
 */
interface MatrixStorage {

  Precision precision();

  Placement placement();

  /** The number of values. */
  long size();

  double get(long index);

  /**
   * Copies values [index, index + count) into {@code dst[at ..]} as float64: one call per run
   * of values for code that reads rows (the kernel operators' products), which each storage
   * serves with its own bulk copy.
   */
  default void get(long index, double[] dst, int at, int count) {
    for (int j = 0; j < count; j++) {
      dst[at + j] = get(index + j);
    }
  }

  void set(long index, double value);

  /**
   * The native address of value 0 when the values are one contiguous block of native memory in
   * the machine's byte order (native and single-chunk mapped storage), else 0.
   */
  default long address() {
    return 0;
  }

  /** Whether writes are refused (a file mapped read-only). */
  default boolean readOnly() {
    return false;
  }

  /** The backing float64 array of heap float64 storage, else null. */
  default double[] array() {
    return null;
  }

  /** Frees what this storage owns (native memory, a mapping); a no-op for arrays. */
  default void release() {}
}
