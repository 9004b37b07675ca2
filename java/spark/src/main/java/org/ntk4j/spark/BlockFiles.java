package org.ntk4j.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.linalg.Matrix;

/**
 * One tile's kernels as a file in the work directory, written by the executor that computed
 * them and read once by the driver: a text line naming the job and the tile, then the NNGP's
 * and the NTK's values (those asked for), rows × cols each, row-major, little-endian float64 or
 * float32. Written atomically (a retried or duplicated task replaces it with the same bytes); the
 * CRC-32C of the values travels with the task's result, so the driver reads only what the
 * executor wrote.
 */
final class BlockFiles {
  private static final String MAGIC = "ntk4j-block 1";
  private static final Pattern NAME = Pattern.compile("tile-\\d+\\.block");

  private BlockFiles() {}

  static Path path(Path directory, int tileIndex) {
    return directory.resolve(String.format("tile-%06d.block", tileIndex));
  }

  static boolean isBlock(Path file) {
    return NAME.matcher(file.getFileName().toString()).matches();
  }

  /** The first line of a block of {@code item} in the job described by {@code job}. */
  static String header(String job, WorkItem item) {
    return MAGIC + " " + job.replace('\n', ' ') + " tile=" + item.index() + " r0=" + item.r0()
        + " c0=" + item.c0() + " rows=" + item.rows() + " cols=" + item.cols();
  }

  /** Writes the tile's kernels; returns the CRC-32C of the values. */
  static long write(Path file, String header, Kernels kernels, Precision precision)
      throws IOException {
    CRC32C crc = new CRC32C();
    AtomicFiles.write(file, channel -> {
      ByteBuffer line = ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.UTF_8));
      writeFully(channel, line);
      for (Matrix m : new Matrix[] {kernels.nngp(), kernels.ntk()}) {
        if (m != null) {
          writeValues(channel, m, precision, crc);
        }
      }
    });
    return crc.getValue();
  }

  /**
   * Reads a block back as the values of each kernel (null where not asked for), in native byte
   * order as {@link TileValues} wants them.
   *
   * @throws InvalidInputException when the file belongs to another job or tile, has the wrong
   *     length, or its values do not have the CRC the executor reported
   */
  static TileValues[] read(Path file, String header, WorkItem item, long expectedCrc,
      boolean nngp, boolean ntk, Precision precision) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] expected = (header + "\n").getBytes(StandardCharsets.UTF_8);
      long valueBytes = (long) item.rows() * item.cols() * precision.bytes();
      int kernels = (nngp ? 1 : 0) + (ntk ? 1 : 0);
      long length = expected.length + kernels * valueBytes;
      ByteBuffer first = ByteBuffer.allocate(expected.length);
      if (channel.size() == length) {
        readFully(channel, first, 0);
      }
      if (!ByteBuffer.wrap(expected).equals(first.flip())) {
        throw new InvalidInputException(file + " is not the block of tile " + item.index()
            + " of this job (" + channel.size() + " bytes, expected " + length + "); delete it"
            + " and run again");
      }
      CRC32C crc = new CRC32C();
      TileValues[] out = new TileValues[2];
      long position = expected.length;
      for (int k = 0; k < 2; k++) {
        if (k == 0 ? !nngp : !ntk) {
          continue;
        }
        ByteBuffer values = ByteBuffer.allocate((int) valueBytes);
        readFully(channel, values, position);
        position += valueBytes;
        values.flip();
        crc.update(values.duplicate());
        out[k] = new TileValues(nativeOrder(values, precision), precision, item.cols());
      }
      if (crc.getValue() != expectedCrc) {
        throw new InvalidInputException(file + " does not hold the values its executor wrote"
            + " (CRC mismatch): a filesystem that is not shared, or another job writing to the"
            + " same work directory");
      }
      return out;
    }
  }

  private static void writeValues(FileChannel channel, Matrix m, Precision precision,
      CRC32C crc) throws IOException {
    ByteBuffer row = ByteBuffer.allocate(m.cols() * precision.bytes())
        .order(ByteOrder.LITTLE_ENDIAN);
    double[] data = m.data();
    for (int i = 0; i < m.rows(); i++) {
      row.clear();
      for (int j = 0; j < m.cols(); j++) {
        double v = data[i * m.cols() + j];
        if (precision == Precision.FLOAT64) {
          row.putDouble(v);
        } else {
          row.putFloat((float) v);
        }
      }
      row.flip();
      crc.update(row.duplicate());
      writeFully(channel, row);
    }
  }

  /** The little-endian values in this machine's byte order (a copy either way). */
  private static ByteBuffer nativeOrder(ByteBuffer littleEndian, Precision precision) {
    ByteBuffer le = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(le.remaining()).order(ByteOrder.nativeOrder());
    if (precision == Precision.FLOAT64) {
      out.asDoubleBuffer().put(le.asDoubleBuffer());
    } else {
      out.asFloatBuffer().put(le.asFloatBuffer());
    }
    return out;
  }

  private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer b, long position)
      throws IOException {
    while (b.hasRemaining()) {
      int n = channel.read(b, position);
      if (n < 0) {
        throw new IOException("the file ended early");
      }
      position += n;
    }
  }
}
