package org.ntk4j.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.ntk4j.Precision;

/**
 * Values in NIO byte buffers: a memory-mapped file (mapped in chunks, as one mapping holds at
 * most 2³¹ − 1 bytes) or a caller's direct buffer. Chunk k holds values
 * [k·chunkValues, (k+1)·chunkValues).
 */
final class BufferStorage implements MatrixStorage {
  private final Precision precision;
  private final Placement placement;
  private final ByteBuffer[] chunks;
  private final long chunkValues;
  private final long size;
  private final int width;
  private final Runnable release;

  /**
   * @param chunks the buffers, each from position 0, all but the last holding exactly
   *     {@code chunkValues} values
   * @param release run by {@link #release()} (e.g. drop the mapping's channel), or null
   */
  BufferStorage(Precision precision, Placement placement, List<ByteBuffer> chunks,
      long chunkValues, long size, ByteOrder order, Runnable release) {
    this.precision = precision;
    this.placement = placement;
    this.chunks = chunks.stream().map(b -> b.duplicate().order(order)).toArray(ByteBuffer[]::new);
    this.chunkValues = chunkValues;
    this.size = size;
    this.width = NativeStorage.bytesPer(precision);
    this.release = release;
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public Placement placement() {
    return placement;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public double get(long index) {
    ByteBuffer b = chunks[(int) (index / chunkValues)];
    int at = (int) (index % chunkValues) * width;
    return width == Double.BYTES ? b.getDouble(at) : b.getFloat(at);
  }

  /** Bulk reads through buffer views, split where the run crosses into the next chunk. */
  @Override
  public void get(long index, double[] dst, int at, int count) {
    int done = 0;
    while (done < count) {
      long i = index + done;
      ByteBuffer b = chunks[(int) (i / chunkValues)];
      int offset = (int) (i % chunkValues);
      int len = (int) Math.min(count - done, chunkValues - offset);
      if (width == Double.BYTES) {
        b.asDoubleBuffer().get(offset, dst, at + done, len);
      } else {
        FloatBuffer f = b.asFloatBuffer();
        for (int j = 0; j < len; j++) {
          dst[at + done + j] = f.get(offset + j);
        }
      }
      done += len;
    }
  }

  @Override
  public void set(long index, double value) {
    ByteBuffer b = chunks[(int) (index / chunkValues)];
    int at = (int) (index % chunkValues) * width;
    if (width == Double.BYTES) {
      b.putDouble(at, value);
    } else {
      b.putFloat(at, (float) value);
    }
  }

  @Override
  public boolean readOnly() {
    return chunks[0].isReadOnly();
  }

  /** One direct chunk in the machine's byte order is one native block BLAS can read. */
  @Override
  public long address() {
    ByteBuffer b = chunks[0];
    if (chunks.length != 1 || !b.isDirect() || b.order() != ByteOrder.nativeOrder()
        || !NativeMemory.available()) {
      return 0;
    }
    return new Pointer(b).address();
  }

  @Override
  public void release() {
    if (release != null) {
      release.run();
    }
  }
}
