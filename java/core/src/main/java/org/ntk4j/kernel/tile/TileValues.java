package org.ntk4j.kernel.tile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.ntk4j.Precision;

/**
 * The values of one kernel over one tile, row-major (rows × cols), as the device wrote them:
 * float64 or float32 in native byte order. Sinks read them as doubles or copy the bytes.
 */
public final class TileValues {
  private final ByteBuffer bytes;
  private final Precision precision;
  private final int cols;

  /** Wraps {@code bytes} (from position 0; native order) without copying. */
  public TileValues(ByteBuffer bytes, Precision precision, int cols) {
    this.bytes = bytes.duplicate().order(ByteOrder.nativeOrder());
    this.precision = precision;
    this.cols = cols;
  }

  public Precision precision() {
    return precision;
  }

  public int cols() {
    return cols;
  }

  /**
   * The first {@code count} values (rows × cols of the tile, row-major) as doubles into
   * {@code out}, which may be longer (a scratch array reused for smaller tiles).
   */
  public void copyTo(double[] out, int count) {
    if (precision == Precision.FLOAT64) {
      bytes.asDoubleBuffer().get(0, out, 0, count);
    } else {
      FloatBuffer f = bytes.asFloatBuffer();
      for (int i = 0; i < count; i++) {
        out[i] = f.get(i);
      }
    }
  }

  /** The value at tile row i, tile column j. */
  public double get(int i, int j) {
    int k = i * cols + j;
    return precision == Precision.FLOAT64 ? bytes.getDouble(k * 8) : bytes.getFloat(k * 4);
  }

  /** Row i, columns [j0, j1), into {@code dst} from {@code offset} (float64 in one bulk copy). */
  public void copyRow(int i, int j0, int j1, double[] dst, int offset) {
    int from = i * cols + j0;
    if (precision == Precision.FLOAT64) {
      bytes.asDoubleBuffer().get(from, dst, offset, j1 - j0);
    } else {
      for (int k = 0; k < j1 - j0; k++) {
        dst[offset + k] = bytes.getFloat((from + k) * 4);
      }
    }
  }

  /** The raw bytes (native order) of row i, columns [j0, j1), without copying. */
  public ByteBuffer rowBytes(int i, int j0, int j1) {
    int w = precision.bytes();
    int from = (i * cols + j0) * w;
    return bytes.duplicate().position(from).limit(from + (j1 - j0) * w).slice()
        .order(ByteOrder.nativeOrder());
  }
}
