package org.ntk4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;

/**
 * Reads and writes numpy {@code .npy} files: float32/float64 (and, for labels, integer and bool
 * types read as doubles), either byte order, C order, header versions 1.0–3.0. Writes float32 or
 * float64 atomically (see {@link AtomicFiles}). Bad files fail with an
 * {@link InvalidInputException} that names the file and the problem.
 */
public final class Npy {
  /** Bytes converted per read or write call. */
  private static final int CHUNK = 1 << 20;

  private Npy() {}

  /** Reads just the header of {@code file}. */
  public static NpyHeader readHeader(Path file) throws IOException {
    try (FileChannel ch = open(file)) {
      return NpyHeader.read(ch, file.toString());
    }
  }

  /** Reads the whole array as doubles. */
  public static NpyArray read(Path file) throws IOException {
    String source = file.toString();
    try (FileChannel ch = open(file)) {
      NpyHeader h = NpyHeader.read(ch, source);
      if (h.fortranOrder()) {
        throw NpyHeader.bad(source, "Fortran-order arrays are not supported; save it in C order"
            + " (np.save(f, np.ascontiguousarray(a)))");
      }
      long count = h.elementCount();
      if (count > Integer.MAX_VALUE - 8) {
        throw NpyHeader.bad(source, "shape " + NpyHeader.shapeString(h.shape())
            + " has too many elements to load into memory (" + count + ")");
      }
      long available = ch.size() - h.dataOffset();
      if (available < h.dataBytes()) {
        throw NpyHeader.bad(source, "truncated .npy file: shape "
            + NpyHeader.shapeString(h.shape()) + " of " + h.dtype().typeName() + " needs "
            + h.dataBytes() + " data bytes, the file has " + Math.max(available, 0));
      }
      double[] data = new double[(int) count];
      readData(ch, h, data, source);
      return new NpyArray(h.shape(), data);
    }
  }

  /** Reads a 2-D array as a matrix, or a 1-D array of length n as an n×1 matrix. */
  public static Matrix readMatrix(Path file) throws IOException {
    return read(file).toMatrix(file.toString());
  }

  /** Writes a matrix (any storage) as a 2-D array of {@code dtype} (float32/float64), atomically. */
  public static void write(Path file, Matrix m, NpyDtype dtype) throws IOException {
    AtomicFiles.write(file, writer(m, dtype));
  }

  /** The content of a .npy file holding matrix {@code m} (any storage) as {@code dtype}. */
  public static AtomicFiles.ChannelWriter writer(Matrix m, NpyDtype dtype) {
    if (m.hasArray()) {
      return writer(NpyArray.of(m), dtype);
    }
    requireFloat(dtype);
    NpyHeader header = NpyHeader.of(dtype, m.rows(), m.cols());
    return ch -> {
      ch.write(ByteBuffer.wrap(header.encode()));
      ByteBuffer b = ByteBuffer.allocate(Math.max(CHUNK, m.cols() * dtype.size()))
          .order(dtype.order());
      for (int i = 0; i < m.rows(); i++) {
        if (b.remaining() < m.cols() * dtype.size()) {
          drain(ch, b);
        }
        for (int j = 0; j < m.cols(); j++) {
          dtype.put(b, m.get(i, j));
        }
      }
      drain(ch, b);
    };
  }

  private static void drain(java.nio.channels.WritableByteChannel ch, ByteBuffer b)
      throws IOException {
    b.flip();
    while (b.hasRemaining()) {
      ch.write(b);
    }
    b.clear();
  }

  /**
   * Maps a 2-D float32/float64 .npy file (C order, either byte order; a 1-D array is one
   * column) as a matrix without reading it: the values are paged in as they are used, and the
   * matrix may be larger than the heap or RAM. Read-only, or {@code writable} to change the
   * file in place.
   */
  public static Matrix map(Path file, boolean writable) throws IOException {
    String source = file.toString();
    try (FileChannel ch = writable ? FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE) : open(file)) {
      NpyHeader h = NpyHeader.read(ch, source);
      if (h.fortranOrder()) {
        throw NpyHeader.bad(source, "Fortran-order arrays cannot be mapped row by row; save it"
            + " in C order (np.save(f, np.ascontiguousarray(a)))");
      }
      if (h.dtype().kind() != 'f') {
        throw NpyHeader.bad(source, "only float32/float64 arrays can be mapped, not "
            + h.dtype().typeName());
      }
      long[] shape = h.shape();
      if (shape.length < 1 || shape.length > 2) {
        throw NpyHeader.bad(source, "shape " + NpyHeader.shapeString(shape)
            + " is not a matrix (1-D or 2-D)");
      }
      long rows = shape[0];
      long cols = shape.length == 2 ? shape[1] : 1;
      if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
        throw NpyHeader.bad(source, "shape " + NpyHeader.shapeString(shape) + " has a"
            + " dimension over 2^31 - 1");
      }
      if (ch.size() - h.dataOffset() < h.dataBytes()) {
        throw NpyHeader.bad(source, "truncated .npy file: shape "
            + NpyHeader.shapeString(shape) + " needs " + h.dataBytes() + " data bytes");
      }
      int width = h.dtype().size();
      // Whole rows per mapping (one mapping holds at most 2^31 - 1 bytes).
      long rowsPerChunk = Math.max(1, Integer.MAX_VALUE / Math.max(1, cols * width));
      if (cols * width > Integer.MAX_VALUE) {
        throw NpyHeader.bad(source, "rows of " + cols + " values are too long to map");
      }
      java.util.List<ByteBuffer> chunks = new java.util.ArrayList<>();
      FileChannel.MapMode mode = writable ? FileChannel.MapMode.READ_WRITE
          : FileChannel.MapMode.READ_ONLY;
      for (long r = 0; r < Math.max(rows, 1); r += rowsPerChunk) {
        long chunkRows = Math.min(rowsPerChunk, rows - r);
        chunks.add(ch.map(mode, h.dataOffset() + r * cols * width, chunkRows * cols * width));
      }
      return Matrix.mapped((int) rows, (int) cols,
          width == 8 ? Precision.FLOAT64 : Precision.FLOAT32, chunks, rowsPerChunk * cols,
          h.dtype().order(), null);
    }
  }

  /** Writes an N-d array (e.g. 1-, 2- or 3-D) of {@code dtype}, atomically. */
  public static void write(Path file, NpyArray array, NpyDtype dtype) throws IOException {
    AtomicFiles.write(file, writer(array, dtype));
  }

  /** The content of a .npy file holding {@code array} as {@code dtype} (float32 or float64). */
  public static AtomicFiles.ChannelWriter writer(NpyArray array, NpyDtype dtype) {
    requireFloat(dtype);
    NpyHeader header = NpyHeader.of(dtype, array.shape());
    double[] data = array.data();
    return ch -> {
      ch.write(ByteBuffer.wrap(header.encode()));
      int perChunk = CHUNK / dtype.size();
      // Direct, so the channel writes it without another copy; float64 goes in one bulk copy.
      ByteBuffer b = ByteBuffer.allocateDirect(perChunk * dtype.size()).order(dtype.order());
      for (int start = 0; start < data.length; start += perChunk) {
        b.clear();
        int end = Math.min(data.length, start + perChunk);
        if (dtype.size() == Double.BYTES) {
          b.asDoubleBuffer().put(data, start, end - start);
          b.limit((end - start) * Double.BYTES);
        } else {
          for (int i = start; i < end; i++) {
            dtype.put(b, data[i]);
          }
          b.flip();
        }
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    };
  }

  private static void requireFloat(NpyDtype dtype) {
    if (dtype.kind() != 'f') {
      throw new IllegalArgumentException("ntk4j writes float32 or float64, not "
          + dtype.typeName());
    }
  }

  private static void readData(FileChannel ch, NpyHeader h, double[] data, String source)
      throws IOException {
    NpyDtype dtype = h.dtype();
    int perChunk = CHUNK / dtype.size();
    ByteBuffer b = ByteBuffer.allocate(perChunk * dtype.size()).order(dtype.order());
    long position = h.dataOffset();
    for (int start = 0; start < data.length; start += perChunk) {
      int n = Math.min(perChunk, data.length - start);
      b.clear().limit(n * dtype.size());
      while (b.hasRemaining()) {
        int read = ch.read(b, position + b.position());
        if (read < 0) {
          throw NpyHeader.bad(source, "truncated .npy file (it ended while reading the data)");
        }
      }
      position += b.limit();
      b.flip();
      for (int i = 0; i < n; i++) {
        data[start + i] = dtype.get(b);
      }
    }
  }

  /** Opens a file for reading, turning the usual mistakes into one-line input errors. */
  static FileChannel open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a directory, not a file");
    }
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file + ": permission denied");
    }
  }
}
