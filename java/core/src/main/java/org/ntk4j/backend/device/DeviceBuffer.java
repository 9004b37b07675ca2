package org.ntk4j.backend.device;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.ntk4j.Precision;

/**
 * A block of device memory, freed on close. A runtime's adapter only moves bytes; turning the
 * host's float64 values into the device's float64 or float32 and back is written once, here.
 */
public abstract class DeviceBuffer implements AutoCloseable {
  private final long bytes;

  protected DeviceBuffer(long bytes) {
    this.bytes = bytes;
  }

  /** The size asked for (the runtime may have allocated at least one byte more for 0). */
  public final long bytes() {
    return bytes;
  }

  /**
   * Copies {@code count} bytes of {@code host} (from its position; a direct buffer or one backed
   * by an array) to {@code offset} bytes into this buffer, and returns when they are there.
   */
  protected abstract void write(long offset, Buffer host, long count);

  /** Copies {@code count} bytes from {@code offset} into {@code host}; returns when done. */
  protected abstract void read(long offset, Buffer host, long count);

  /** Writes {@code values} from the start, rounded to float when {@code precision} is FLOAT32. */
  public final void writeReals(double[] values, Precision precision) {
    if (values.length == 0) {
      return;
    }
    Buffer host;
    if (precision == Precision.FLOAT64) {
      host = DoubleBuffer.wrap(values);
    } else {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      host = FloatBuffer.wrap(f);
    }
    write(0, host, (long) values.length * precision.bytes());
  }

  /** The first {@code count} values, stored in {@code precision}, as float64. */
  public final double[] readReals(int count, Precision precision) {
    double[] out = new double[count];
    if (count == 0) {
      return out;
    }
    if (precision == Precision.FLOAT64) {
      read(0, DoubleBuffer.wrap(out), (long) count * Double.BYTES);
    } else {
      float[] f = new float[count];
      read(0, FloatBuffer.wrap(f), (long) count * Float.BYTES);
      for (int i = 0; i < count; i++) {
        out[i] = f[i];
      }
    }
    return out;
  }

  /** Writes {@code values} (C {@code int}s) from the start. */
  public final void writeInts(int[] values) {
    if (values.length > 0) {
      write(0, IntBuffer.wrap(values), (long) values.length * Integer.BYTES);
    }
  }

  /** The first {@code count} C {@code int}s. */
  public final int[] readInts(int count) {
    int[] out = new int[count];
    if (count > 0) {
      read(0, IntBuffer.wrap(out), (long) count * Integer.BYTES);
    }
    return out;
  }

  @Override
  public abstract void close();
}
