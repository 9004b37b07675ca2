package org.ntk4j.kernel.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ntk4j.InvalidInputException;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.io.NpyHeader;
import org.ntk4j.linalg.Matrix;

/**
 * K in a 2-D float32 or float64 {@code .npy} file (what {@code ntk4j kernel} writes, or numpy),
 * never loaded whole: each product reads the file once, a panel of rows per thread at a time
 * ({@value RowPanelOperator#PANEL_BYTES} bytes), through positional reads that the operating
 * system's page cache serves when the file fits in free memory. The process holds
 * O(panel · threads) of K, whatever its size; products accumulate in float64.
 */
public final class NpyKernelOperator extends RowPanelOperator {
  private final Path file;
  private final FileChannel channel;
  private final NpyHeader header;
  private final NpyDtype dtype;
  private final ThreadLocal<PanelBuffers> buffers;

  /** One thread's panel: the bytes as read and the values as an array the product reads. */
  private static final class PanelBuffers {
    final ByteBuffer bytes;
    final float[] floats;
    final double[] doubles;

    PanelBuffers(int values, NpyDtype dtype) {
      bytes = ByteBuffer.allocate(values * dtype.size()).order(dtype.order());
      floats = dtype.size() == Float.BYTES ? new float[values] : null;
      doubles = dtype.size() == Double.BYTES ? new double[values] : null;
    }
  }

  private NpyKernelOperator(Path file, FileChannel channel, NpyHeader header, int threads) {
    super((int) header.shape()[0], (int) header.shape()[1], header.dtype().size(), threads);
    this.file = file;
    this.channel = channel;
    this.header = header;
    this.dtype = header.dtype();
    int panelValues = Math.multiplyExact(panelRows(), cols());
    this.buffers = ThreadLocal.withInitial(() -> new PanelBuffers(panelValues, dtype));
  }

  /**
   * Opens {@code file} and checks that it holds a 2-D float32/float64 C-order array with all
   * its data.
   *
   * @param role what the file is, for messages (e.g. {@code K_train (k.npy)})
   * @throws InvalidInputException naming the file and the problem
   */
  public static NpyKernelOperator open(Path file, String role, int threads) throws IOException {
    NpyHeader h = Npy.readHeader(file);
    long[] shape = h.shape();
    if (shape.length != 2) {
      throw new InvalidInputException(role + " has shape " + NpyHeader.shapeString(shape)
          + ": a kernel is a 2-D array");
    }
    if (h.dtype().kind() != 'f') {
      throw new InvalidInputException(role + " holds " + h.dtype() + ": a kernel file must be"
          + " float32 or float64 (np.save(f, k.astype(np.float32)))");
    }
    if (h.fortranOrder()) {
      throw new InvalidInputException(role + " is in Fortran order; save it in C order"
          + " (np.save(f, np.ascontiguousarray(k)))");
    }
    if (shape[0] == 0 || shape[1] == 0 || shape[0] > Integer.MAX_VALUE
        || shape[1] > Integer.MAX_VALUE) {
      throw new InvalidInputException(role + " has shape " + NpyHeader.shapeString(shape)
          + ": each side must have between 1 and " + Integer.MAX_VALUE + " entries");
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      if (ch.size() < h.fileLength()) {
        throw new InvalidInputException(role + " is truncated: shape "
            + NpyHeader.shapeString(shape) + " of " + h.dtype() + " needs " + h.fileLength()
            + " bytes, the file has " + ch.size());
      }
      return new NpyKernelOperator(file, ch, h, threads);
    } catch (RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The file's element type (float32 or float64). */
  public NpyDtype dtype() {
    return dtype;
  }

  @Override
  void addPanel(int r0, int r1, double[] vt, int kp, double[] out, PanelProduct product) {
    PanelBuffers b = buffers.get();
    int values = (r1 - r0) * cols();
    read(r0, values, b);
    if (b.floats != null) {
      b.bytes.asFloatBuffer().get(b.floats, 0, values);
      product.multiplyAdd(b.floats, 0, cols(), r1 - r0, cols(), vt, cols(), 0, kp, out, r0);
    } else {
      b.bytes.asDoubleBuffer().get(b.doubles, 0, values);
      product.multiplyAdd(b.doubles, 0, cols(), r1 - r0, cols(), vt, cols(), 0, kp, out, r0);
    }
  }

  /** Reads {@code values} entries from the start of row {@code row} into {@code b.bytes}. */
  private void read(int row, int values, PanelBuffers b) {
    ByteBuffer bytes = b.bytes;
    bytes.clear().limit(values * dtype.size());
    readFully(bytes, header.dataOffset() + (long) row * cols() * dtype.size());
    bytes.flip();
  }

  private void readFully(ByteBuffer bytes, long position) {
    try {
      long at = position;
      while (bytes.hasRemaining()) {
        int n = channel.read(bytes, at);
        if (n < 0) {
          throw new InvalidInputException(file + " ended while reading the kernel: was it"
              + " truncated while in use?");
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** One entry K[i, j]. */
  double get(int i, int j) {
    ByteBuffer one = ByteBuffer.allocate(dtype.size()).order(dtype.order());
    readFully(one, header.dataOffset() + ((long) i * cols() + j) * dtype.size());
    return dtype.size() == Double.BYTES ? one.getDouble(0) : one.getFloat(0);
  }

  @Override
  public Matrix rows(int[] indices) {
    Operators.requireIndices(indices, rows());
    int n = cols();
    double[] out = new double[Math.multiplyExact(indices.length, n)];
    ByteBuffer row = ByteBuffer.allocate(n * dtype.size()).order(dtype.order());
    for (int r = 0; r < indices.length; r++) {
      row.clear();
      readFully(row, header.dataOffset() + (long) indices[r] * n * dtype.size());
      row.flip();
      for (int j = 0; j < n; j++) {
        out[r * n + j] = dtype.size() == Double.BYTES ? row.getDouble() : row.getFloat();
      }
    }
    return new Matrix(indices.length, n, out);
  }

  @Override
  public double[] diagonal() {
    Operators.requireSquare(this);
    double[] d = new double[rows()];
    for (int i = 0; i < d.length; i++) {
      d[i] = get(i, i);
    }
    return d;
  }

  @Override
  public String description() {
    return dtype.typeName() + " " + file + ", read in panels of " + panelRows() + " rows";
  }

  @Override
  public void close() {
    super.close();
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
