package org.ntk4j.linalg;

import java.lang.ref.Cleaner;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.DoubleRawIndexer;
import org.bytedeco.javacpp.indexer.FloatRawIndexer;
import org.ntk4j.Precision;

/**
 * Values in one contiguous block of native memory, float64 or float32, indexed by long. The
 * block is either owned (allocated here, freed by {@link #release()} or, if the matrix is
 * dropped unclosed, by a cleaner) or a caller's pointer that stays the caller's to free.
 */
final class NativeStorage implements MatrixStorage {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Precision precision;
  private final long size;
  private final long address;
  private final DoubleRawIndexer doubles;
  private final FloatRawIndexer floats;
  private final Cleaner.Cleanable owned;

  /** Allocates {@code size} values, all zero. */
  static NativeStorage allocate(Precision precision, long size) {
    long bytes = size * bytesPer(precision);
    long address = NativeMemory.allocate(bytes);
    return new NativeStorage(precision, size, address, true);
  }

  /** A caller's native block: not freed here. */
  static NativeStorage wrap(Pointer pointer, Precision precision, long size) {
    long address = pointer.address() + pointer.position() * pointer.sizeof();
    return new NativeStorage(precision, size, address, false);
  }

  private NativeStorage(Precision precision, long size, long address, boolean owns) {
    this.precision = precision;
    this.size = size;
    this.address = address;
    if (precision == Precision.FLOAT64) {
      this.doubles = new DoubleRawIndexer(doublePointer(address, size));
      this.floats = null;
    } else {
      this.floats = new FloatRawIndexer(floatPointer(address, size));
      this.doubles = null;
    }
    long bytes = size * bytesPer(precision);
    this.owned = owns ? CLEANER.register(this, () -> NativeMemory.free(address, bytes)) : null;
  }

  static int bytesPer(Precision p) {
    return p == Precision.FLOAT64 ? Double.BYTES : Float.BYTES;
  }

  /** A JavaCPP view of {@code count} doubles at {@code address} (no ownership). */
  static DoublePointer doublePointer(long address, long count) {
    return new AddressedDoubles(address, count);
  }

  /** A JavaCPP view of {@code count} floats at {@code address} (no ownership). */
  static FloatPointer floatPointer(long address, long count) {
    return new AddressedFloats(address, count);
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public Placement placement() {
    return Placement.NATIVE;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public double get(long index) {
    return doubles != null ? doubles.get(index) : floats.get(index);
  }

  @Override
  public void get(long index, double[] dst, int at, int count) {
    if (doubles != null) {
      doubles.get(index, dst, at, count);
    } else {
      for (int j = 0; j < count; j++) {
        dst[at + j] = floats.get(index + j);
      }
    }
  }

  @Override
  public void set(long index, double value) {
    if (doubles != null) {
      doubles.put(index, value);
    } else {
      floats.put(index, (float) value);
    }
  }

  @Override
  public long address() {
    return address;
  }

  @Override
  public void release() {
    if (owned != null) {
      owned.clean();
    }
  }

  private static final class AddressedDoubles extends DoublePointer {
    AddressedDoubles(long address, long count) {
      this.address = address;
      this.limit = count;
      this.capacity = count;
    }
  }

  private static final class AddressedFloats extends FloatPointer {
    AddressedFloats(long address, long count) {
      this.address = address;
      this.limit = count;
      this.capacity = count;
    }
  }
}
