package org.ntk4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ntk4j.InvalidInputException;

/**
 * The header of a {@code .npy} file (numpy's format spec, NEP 1): the magic {@code \x93NUMPY}, a
 * version (1.0, 2.0 or 3.0), the header length (2 bytes in 1.0, 4 bytes after), and a Python dict
 * literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces
 * and a newline so the data starts at a multiple of 64 bytes. Exposed on its own so that a
 * memory-mapped sink can write the header and then fill the data at {@link #dataOffset()}.
 *
 * @param dtype element type
 * @param fortranOrder whether the data are column-major (read but refused by {@link Npy})
 * @param shape dimensions, outermost first; empty for a scalar
 * @param dataOffset bytes before the first element (the encoded header length)
 */
public record NpyHeader(NpyDtype dtype, boolean fortranOrder, long[] shape, long dataOffset) {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  /** Larger headers than this are corruption, not arrays (numpy's own limit is 10,000). */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  public NpyHeader {
    shape = shape.clone();
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
      }
    }
  }

  /** A C-order header for writing; its {@link #dataOffset()} is the encoded length. */
  public static NpyHeader of(NpyDtype dtype, long... shape) {
    return new NpyHeader(dtype, false, shape, encode(dtype, shape).length);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The product of the dimensions (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /** Bytes of array data after the header. */
  public long dataBytes() {
    return Math.multiplyExact(elementCount(), (long) dtype.size());
  }

  /** The whole file length: header plus data. */
  public long fileLength() {
    return Math.addExact(dataOffset, dataBytes());
  }

  /** The header bytes (magic, version, length, padded dict) for a C-order array. */
  public byte[] encode() {
    if (fortranOrder) {
      throw new IllegalStateException("ntk4j writes C-order arrays only");
    }
    return encode(dtype, shape);
  }

  private static byte[] encode(NpyDtype dtype, long[] shape) {
    String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': "
        + shapeString(shape) + ", }";
    byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
    int version = padded(MAGIC.length + 4, text.length) - (MAGIC.length + 4) <= 0xFFFF ? 1 : 2;
    int prefix = MAGIC.length + 2 + (version == 1 ? 2 : 4);
    int total = padded(prefix, text.length);
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) version).put((byte) 0);
    int headerLength = total - prefix;
    if (version == 1) {
      b.putShort((short) headerLength);
    } else {
      b.putInt(headerLength);
    }
    b.put(text);
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  /** Length of prefix + dict + newline, rounded up to the alignment. */
  private static int padded(int prefix, int dictLength) {
    int unpadded = prefix + dictLength + 1;
    return (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /**
   * Reads and checks a header from the start of {@code in}, leaving it at the first data byte.
   *
   * @param source the file name, for messages
   * @throws InvalidInputException naming {@code source} when the header is missing or invalid
   */
  public static NpyHeader read(ReadableByteChannel in, String source) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
    boolean complete = readUpTo(in, pre);
    int magicBytes = Math.min(pre.position(), MAGIC.length);
    if (!Arrays.equals(pre.array(), 0, magicBytes, MAGIC, 0, magicBytes)) {
      throw bad(source, "not a .npy file (it does not start with the magic bytes \\x93NUMPY)");
    }
    if (!complete) {
      throw bad(source, pre.position() == 0 ? "the file is empty, not a .npy file"
          : "truncated .npy file (it ends inside the magic bytes and version)");
    }
    int major = pre.get(MAGIC.length) & 0xFF;
    int minor = pre.get(MAGIC.length + 1) & 0xFF;
    if (major < 1 || major > 3 || minor != 0) {
      throw bad(source, "unsupported .npy format version " + major + "." + minor
          + " (ntk4j reads 1.0, 2.0 and 3.0)");
    }
    ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(in, len, source, "the header length");
    long headerLength = major == 1 ? Short.toUnsignedInt(len.getShort(0))
        : Integer.toUnsignedLong(len.getInt(0));
    if (headerLength > MAX_HEADER_BYTES) {
      throw bad(source, "corrupt .npy header (claims " + headerLength + " header bytes)");
    }
    ByteBuffer text = ByteBuffer.allocate((int) headerLength);
    readFully(in, text, source, "the header");
    String dict = new String(text.array(),
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    long offset = MAGIC.length + 2 + len.capacity() + headerLength;
    try {
      NpyHeaderDict parsed = NpyHeaderDict.parse(dict);
      return new NpyHeader(NpyDtype.parse(parsed.descr()), parsed.fortranOrder(),
          parsed.shape(), offset);
    } catch (IllegalArgumentException e) {
      throw bad(source, e.getMessage());
    }
  }

  private static void readFully(ReadableByteChannel in, ByteBuffer b, String source, String what)
      throws IOException {
    if (!readUpTo(in, b)) {
      throw bad(source, "truncated .npy file (it ends inside " + what + ")");
    }
  }

  /** Fills {@code b} from {@code in}; false if the channel ended first. */
  private static boolean readUpTo(ReadableByteChannel in, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        return false;
      }
    }
    return true;
  }

  static InvalidInputException bad(String source, String problem) {
    return new InvalidInputException(source + ": " + problem);
  }

  /** The shape as Python writes a tuple: {@code ()}, {@code (3,)}, {@code (3, 4)}. */
  public static String shapeString(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return s.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyHeader h && h.dtype.equals(dtype) && h.fortranOrder == fortranOrder
        && Arrays.equals(h.shape, shape) && h.dataOffset == dataOffset;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Long.hashCode(dataOffset);
  }

  @Override
  public String toString() {
    return "NpyHeader[" + dtype + ", shape " + shapeString(shape)
        + (fortranOrder ? ", Fortran order" : "") + ", data at " + dataOffset + "]";
  }
}
