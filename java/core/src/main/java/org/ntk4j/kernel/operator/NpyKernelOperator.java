package org.ntk4j.kernel.operator;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.ntk4j.InvalidInputException;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.io.NpyHeader;

/**
 * K in a 2-D float32 or float64 {@code .npy} file (what {@code ntk4j kernel} writes, or numpy),
 * memory-mapped read-only and never copied whole: a product reads the file once, a panel of
 * rows per thread at a time, each four rows by a few thousand columns copied to float64 in
 * cache as the product needs them. The operating system keeps as much of the file in memory
 * as it can spare and reads the rest from disk; the process's own memory stays O(panel ·
 * threads) whatever the file's size (mapped pages it touches count as its resident memory
 * while the system keeps them). Products accumulate in float64.
 */
public final class NpyKernelOperator extends RowPanelOperator {
  /** Bytes per mapping: well under the 2 GiB a single mapping may hold. */
  static final long MAPPING_BYTES = 1L << 30;

  private final Path file;
  private final NpyDtype dtype;
  private final int chunkRows;
  private final List<FloatBuffer> floats = new ArrayList<>();
  private final List<DoubleBuffer> doubles = new ArrayList<>();

  private NpyKernelOperator(Path file, FileChannel channel, NpyHeader header, int threads,
      long mappingBytes) throws IOException {
    super((int) header.shape()[0], (int) header.shape()[1], header.dtype().size(), threads);
    this.file = file;
    this.dtype = header.dtype();
    long rowBytes = (long) cols() * dtype.size();
    long panelBytes = rowBytes * panelRows();
    if (panelBytes > Integer.MAX_VALUE) {
      throw new InvalidInputException(file + " has " + cols() + " columns: a panel of "
          + panelRows() + " rows is more than one mapping holds");
    }
    this.chunkRows = (int) Math.min(rows(), panelRows() * Math.max(1, mappingBytes / panelBytes));
    for (long r0 = 0; r0 < rows(); r0 += chunkRows) {
      long count = Math.min(chunkRows, rows() - r0);
      MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY,
          header.dataOffset() + r0 * rowBytes, count * rowBytes);
      m.order(dtype.order());
      if (dtype.size() == Float.BYTES) {
        floats.add(m.asFloatBuffer());
      } else {
        doubles.add(m.asDoubleBuffer());
      }
    }
  }

  /**
   * Maps {@code file} after checking that it holds a 2-D float32/float64 C-order array with all
   * its data.
   *
   * @param role what the file is, for messages (e.g. {@code K_train (k.npy)})
   * @throws InvalidInputException naming the file and the problem
   */
  public static NpyKernelOperator open(Path file, String role, int threads) throws IOException {
    return open(file, role, threads, MAPPING_BYTES);
  }

  /** {@link #open(Path, String, int)} with mappings of at most {@code mappingBytes} (tests). */
  static NpyKernelOperator open(Path file, String role, int threads, long mappingBytes)
      throws IOException {
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
    // The mappings stay valid after the channel is closed.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() < h.fileLength()) {
        throw new InvalidInputException(role + " is truncated: shape "
            + NpyHeader.shapeString(shape) + " of " + h.dtype() + " needs " + h.fileLength()
            + " bytes, the file has " + ch.size());
      }
      return new NpyKernelOperator(file, ch, h, threads, mappingBytes);
    }
  }

  /** How many mappings the file is read through. */
  int mappings() {
    return Math.max(floats.size(), doubles.size());
  }

  /** The file's element type (float32 or float64). */
  public NpyDtype dtype() {
    return dtype;
  }

  @Override
  void addPanel(int r0, int r1, double[] vt, int kp, double[] out, PanelProduct product) {
    int chunk = r0 / chunkRows;
    int first = r0 - chunk * chunkRows;
    int n = cols();
    PanelProduct.Rows rows;
    if (dtype.size() == Float.BYTES) {
      FloatBuffer f = floats.get(chunk);
      float[] block = new float[Math.min(n, PanelProduct.COLUMN_BLOCK)];
      rows = (row, col, len, dst, at) -> {
        f.get((first + row) * n + col, block, 0, len);
        for (int j = 0; j < len; j++) {
          dst[at + j] = block[j];
        }
      };
    } else {
      DoubleBuffer d = doubles.get(chunk);
      rows = (row, col, len, dst, at) -> d.get((first + row) * n + col, dst, at, len);
    }
    product.multiplyAdd(rows, r1 - r0, n, vt, n, 0, kp, out, r0);
  }

  /** One entry K[i, j]. */
  @Override
  double get(int i, int j) {
    int chunk = i / chunkRows;
    int index = (i - chunk * chunkRows) * cols() + j;
    return dtype.size() == Float.BYTES ? floats.get(chunk).get(index)
        : doubles.get(chunk).get(index);
  }

  @Override
  public String description() {
    return dtype.typeName() + " " + file + ", memory-mapped";
  }
}
