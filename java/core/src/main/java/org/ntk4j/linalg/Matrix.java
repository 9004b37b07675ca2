package org.ntk4j.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.ntk4j.Precision;

/**
 * A dense row-major matrix: the currency between the library's parts. Its values are float64 or
 * float32 ({@link #precision()}) and live on the Java heap, in native memory or in a
 * memory-mapped file ({@link #placement()}); every kind reads and writes the same way, and off
 * the heap a matrix may hold more than 2³¹ entries. {@link #data()} is the heap float64 array,
 * for code that works on arrays; code that must take any matrix uses {@link #get}/{@link #set}
 * or hands the matrix to a {@link LinearAlgebra}.
 *
 * <p>A matrix holding native memory or a mapping frees it on {@link #close()} (or, if it is
 * dropped unclosed, once the garbage collector finds it unreachable); closing a heap matrix does
 * nothing.
 */
public final class Matrix implements AutoCloseable {
  /** The most values a Java array holds on common JVMs. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final int rows;
  private final int cols;
  private final MatrixStorage storage;

  /** Wraps {@code data} (row-major, length rows·cols) without copying. */
  public Matrix(int rows, int cols, double[] data) {
    this(rows, cols, new HeapStorage(data));
  }

  Matrix(int rows, int cols, MatrixStorage storage) {
    if (rows < 0 || cols < 0 || (long) rows * cols != storage.size()) {
      throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs "
          + (long) rows * cols + " values, got " + storage.size());
    }
    this.rows = rows;
    this.cols = cols;
    this.storage = storage;
  }

  /** A heap float64 matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    return allocate(rows, cols, Precision.FLOAT64, Placement.HEAP);
  }

  /**
   * A matrix of zeros with the given storage.
   *
   * @param placement {@link Placement#HEAP} or {@link Placement#NATIVE}
   * @throws IllegalArgumentException when a heap matrix would exceed a Java array, or native
   *     memory is not available here (both messages say what to use instead)
   */
  public static Matrix allocate(int rows, int cols, Precision precision, Placement placement) {
    long n = (long) rows * cols;
    switch (placement) {
      case HEAP -> {
        if (n > MAX_ARRAY) {
          throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix has " + n
              + " entries, more than a Java array holds (" + MAX_ARRAY + "); allocate it with"
              + " Placement.NATIVE");
        }
        return new Matrix(rows, cols, precision == Precision.FLOAT64
            ? new HeapStorage(new double[(int) n]) : new HeapFloatStorage(new float[(int) n]));
      }
      case NATIVE -> {
        if (!NativeMemory.available()) {
          throw new IllegalArgumentException("native memory is not available here ("
              + NativeMemory.unavailableReason().get() + "); allocate on the heap");
        }
        return new Matrix(rows, cols, NativeStorage.allocate(precision, n));
      }
      default -> throw new IllegalArgumentException("a mapped matrix comes from a file: use"
          + " Npy.map");
    }
  }

  /** Wraps float32 values (row-major, length rows·cols) without copying. */
  public static Matrix ofFloats(int rows, int cols, float[] data) {
    return new Matrix(rows, cols, new HeapFloatStorage(data));
  }

  /**
   * Wraps a caller's native float64 block (from the pointer's position, rows·cols values)
   * without copying; the block stays the caller's to free, after this matrix is done with.
   */
  public static Matrix wrap(int rows, int cols, DoublePointer values) {
    return new Matrix(rows, cols,
        NativeStorage.wrap(values, Precision.FLOAT64, (long) rows * cols));
  }

  /** {@link #wrap(int, int, DoublePointer)} for float32 values. */
  public static Matrix wrap(int rows, int cols, FloatPointer values) {
    return new Matrix(rows, cols,
        NativeStorage.wrap(values, Precision.FLOAT32, (long) rows * cols));
  }

  /**
   * Wraps a caller's buffer (from position 0, in its byte order, rows·cols values of
   * {@code precision}) without copying: a direct buffer (native memory, or a file mapped by
   * the caller) counts as native, a heap buffer as heap.
   */
  public static Matrix wrap(int rows, int cols, Precision precision, ByteBuffer values) {
    long n = (long) rows * cols;
    Placement where = values.isDirect() ? Placement.NATIVE : Placement.HEAP;
    if (values.capacity() < n * NativeStorage.bytesPer(precision)) {
      throw new IllegalArgumentException("a " + rows + "x" + cols + " " + precision.cliName()
          + " matrix needs " + n * NativeStorage.bytesPer(precision) + " bytes, the buffer has "
          + values.capacity());
    }
    return new Matrix(rows, cols, new BufferStorage(precision, where, List.of(values), n, n,
        values.order(), null));
  }

  /**
   * A matrix over mapped chunks of a file (see Npy.map): chunk k holds
   * values [k·chunkValues, (k+1)·chunkValues) in {@code order}; {@code release} drops them.
   */
  public static Matrix mapped(int rows, int cols, Precision precision, List<ByteBuffer> chunks,
      long chunkValues, ByteOrder order, Runnable release) {
    return new Matrix(rows, cols, new BufferStorage(precision, Placement.MAPPED, chunks,
        chunkValues, (long) rows * cols, order, release));
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

  /** rows · cols. */
  public long entries() {
    return storage.size();
  }

  /** The bytes the values take. */
  public long bytes() {
    return storage.size() * NativeStorage.bytesPer(storage.precision());
  }

  public Precision precision() {
    return storage.precision();
  }

  public Placement placement() {
    return storage.placement();
  }

  /** Whether writes are refused (a file mapped read-only). */
  public boolean isReadOnly() {
    return storage.readOnly();
  }

  /** Whether {@link #data()} is available: heap float64 storage. */
  public boolean hasArray() {
    return storage.array() != null;
  }

  /**
   * The backing row-major array (not a copy) of a heap float64 matrix.
   *
   * @throws IllegalStateException for float32, native or mapped storage, which has no such
   *     array: use {@link #get}/{@link #set}, {@link #toHeap()} or a {@link LinearAlgebra}
   */
  public double[] data() {
    double[] a = storage.array();
    if (a == null) {
      throw new IllegalStateException("this " + shape() + " matrix is stored " + describe()
          + ", not in a float64 array: read it with get/set or copy it with toHeap()");
    }
    return a;
  }

  /**
   * The values as a float64 array: {@link #data()} itself for heap float64 storage, else a copy
   * (for code that computes on arrays; at most 2³¹ − 9 entries).
   */
  public double[] toDoubleArray() {
    if (hasArray()) {
      return data();
    }
    if (entries() > MAX_ARRAY) {
      throw new IllegalStateException("this " + shape() + " matrix has " + entries()
          + " entries, more than a Java array holds (" + MAX_ARRAY + ")");
    }
    return toHeap().data();
  }

  /** The native address of entry (0, 0) when the values are one native block, else 0. */
  long address() {
    return storage.address();
  }

  /**
   * The values as a JavaCPP pointer (a {@link DoublePointer} for float64, a
   * {@link FloatPointer} for float32) over this matrix's own memory, for native code of the
   * caller's; valid until this matrix is closed.
   *
   * @throws IllegalStateException when the values are not one native block (heap storage, or a
   *     file mapped in several chunks)
   */
  public Pointer pointer() {
    long a = address();
    if (a == 0) {
      throw new IllegalStateException("this " + shape() + " matrix is stored " + describe()
          + ", not in one native block: copy it with to(precision, Placement.NATIVE)");
    }
    return precision() == Precision.FLOAT64 ? NativeStorage.doublePointer(a, entries())
        : NativeStorage.floatPointer(a, entries());
  }

  /** E.g. "on the heap as float32", "in native memory as float64". */
  public String describe() {
    String where = switch (placement()) {
      case HEAP -> "on the heap";
      case NATIVE -> "in native memory";
      case MAPPED -> "in a mapped file";
    };
    return where + " as " + precision().cliName();
  }

  public double get(int i, int j) {
    return storage.get((long) i * cols + j);
  }

  public void set(int i, int j, double v) {
    storage.set((long) i * cols + j, v);
  }

  /**
   * Entries (row, col) .. (row, col + count − 1) into {@code dst[at ..]} as float64, in one bulk
   * copy whatever the storage (how row-panel code reads any matrix).
   */
  public void readRow(int row, int col, int count, double[] dst, int at) {
    if (col < 0 || count < 0 || col + count > cols || row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("entries (" + row + ", " + col + ".." + (col + count)
          + ") of a " + shape() + " matrix");
    }
    storage.get((long) row * cols + col, dst, at, count);
  }

  /** Row i as a new array. */
  public double[] row(int i) {
    double[] out = new double[cols];
    long base = (long) i * cols;
    for (int j = 0; j < cols; j++) {
      out[j] = storage.get(base + j);
    }
    return out;
  }

  /**
   * A copy with the same precision and placement (a mapped matrix is copied to native memory,
   * or to the heap where there is none).
   */
  public Matrix copy() {
    Placement where = placement() != Placement.MAPPED ? placement()
        : NativeMemory.available() ? Placement.NATIVE : Placement.HEAP;
    return to(precision(), where);
  }

  /** A copy in heap float64 storage, whose {@link #data()} is available. */
  public Matrix toHeap() {
    return to(Precision.FLOAT64, Placement.HEAP);
  }

  /** A copy with the given storage (values rounded when going to float32). */
  public Matrix to(Precision precision, Placement placement) {
    Matrix out = allocate(rows, cols, precision, placement);
    copyInto(out);
    return out;
  }

  /** Copies every value into {@code target} (same shape, any storage). */
  public void copyInto(Matrix target) {
    requireSameShape(target);
    if (target.isReadOnly()) {
      throw new IllegalStateException("cannot write into a read-only " + target.shape()
          + " matrix (" + target.describe() + ")");
    }
    double[] src = storage.array();
    double[] dst = target.storage.array();
    if (src != null && dst != null) {
      System.arraycopy(src, 0, dst, 0, src.length);
      return;
    }
    long a = address();
    long b = target.address();
    boolean sameDoubles = precision() == Precision.FLOAT64
        && target.precision() == Precision.FLOAT64;
    if (src != null && b != 0 && sameDoubles) {
      NativeStorage.doublePointer(b, src.length).put(src, 0, src.length);
      return;
    }
    if (a != 0 && dst != null && sameDoubles) {
      NativeStorage.doublePointer(a, dst.length).get(dst, 0, dst.length);
      return;
    }
    if (a != 0 && b != 0 && precision() == target.precision()) {
      Pointer.memcpy(NativeMemory.rawPointer(b), NativeMemory.rawPointer(a), bytes());
      return;
    }
    long n = entries();
    for (long k = 0; k < n; k++) {
      target.storage.set(k, storage.get(k));
    }
  }

  public Matrix transpose() {
    Matrix t = zeros(cols, rows);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t.set(j, i, get(i, j));
      }
    }
    return t;
  }

  /** Rows [from, to) as a new heap float64 matrix. */
  public Matrix rowRange(int from, int to) {
    Matrix out = zeros(to - from, cols);
    double[] d = out.data();
    long base = (long) from * cols;
    for (int k = 0; k < d.length; k++) {
      d[k] = storage.get(base + k);
    }
    return out;
  }

  /** The Frobenius norm ‖A‖. */
  public double frobeniusNorm() {
    double s = 0;
    long n = entries();
    for (long k = 0; k < n; k++) {
      double v = storage.get(k);
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** ‖this − ref‖ / ‖ref‖, the library's measure of agreement. */
  public double relativeError(Matrix ref) {
    requireSameShape(ref);
    double num = 0;
    double den = 0;
    long n = entries();
    for (long k = 0; k < n; k++) {
      double r = ref.storage.get(k);
      double diff = storage.get(k) - r;
      num += diff * diff;
      den += r * r;
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

  /** Frees native memory or a mapping this matrix owns; it must not be used afterwards. */
  @Override
  public void close() {
    storage.release();
  }

  @Override
  public String toString() {
    return "Matrix" + shape();
  }
}
