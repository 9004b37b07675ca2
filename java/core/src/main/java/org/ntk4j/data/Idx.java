package org.ntk4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ntk4j.InvalidInputException;
import org.ntk4j.io.GzipStreams;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.): two zero bytes, a type
 * byte (0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), the
 * number of dimensions, each dimension as a big-endian int, then the values big-endian in
 * row-major order. Gzipped files (magic 1f 8b) are inflated on the fly.
 */
public final class Idx {
  private Idx() {}

  /** An IDX array: its shape and its values as doubles, row-major. */
  public record Array(int[] shape, double[] values) {
    /** Product of all dimensions after the first: values per item (pixels per image). */
    public int itemSize() {
      int s = 1;
      for (int i = 1; i < shape.length; i++) {
        s *= shape[i];
      }
      return s;
    }
  }

  public static Array read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** Reads one IDX array; {@code name} names the source in error messages. */
  public static Array read(InputStream raw, String name) throws IOException {
    DataInputStream data = new DataInputStream(
        new BufferedInputStream(GzipStreams.maybeInflated(raw), 1 << 16));
    try {
      if (data.readUnsignedByte() != 0 || data.readUnsignedByte() != 0) {
        throw new InvalidInputException(name + " is not an IDX file (it must start with two zero"
            + " bytes); give an MNIST-style .idx or .idx.gz file");
      }
      int type = data.readUnsignedByte();
      int dims = data.readUnsignedByte();
      if (dims == 0) {
        throw new InvalidInputException(name + ": an IDX file needs at least one dimension");
      }
      int[] shape = new int[dims];
      long count = 1;
      for (int i = 0; i < dims; i++) {
        shape[i] = data.readInt();
        if (shape[i] < 0) {
          throw new InvalidInputException(name + ": dimension " + i + " is negative");
        }
        count *= shape[i];
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(name + " holds " + count + " values, more than one"
            + " Java array can; split the file");
      }
      double[] values = new double[(int) count];
      readValues(data, type, values, name);
      return new Array(shape, values);
    } catch (EOFException e) {
      throw new InvalidInputException(name + " ends early: the IDX header promises more values"
          + " than the file holds; the file is truncated");
    }
  }

  private static void readValues(DataInputStream data, int type, double[] v, String name)
      throws IOException {
    switch (type) {
      case 0x08 -> {
        byte[] bytes = new byte[v.length];
        data.readFully(bytes);
        for (int i = 0; i < v.length; i++) {
          v[i] = bytes[i] & 0xff;
        }
      }
      case 0x09 -> {
        byte[] bytes = new byte[v.length];
        data.readFully(bytes);
        for (int i = 0; i < v.length; i++) {
          v[i] = bytes[i];
        }
      }
      case 0x0B -> fill(v, data::readShort);
      case 0x0C -> fill(v, data::readInt);
      case 0x0D -> fill(v, data::readFloat);
      case 0x0E -> fill(v, data::readDouble);
      default -> throw new InvalidInputException(name + ": unknown IDX type byte 0x"
          + Integer.toHexString(type) + "; expected one of " + Arrays.toString(
              new String[] {"08", "09", "0B", "0C", "0D", "0E"}));
    }
  }

  private interface NumberReader {
    double next() throws IOException;
  }

  private static void fill(double[] v, NumberReader r) throws IOException {
    for (int i = 0; i < v.length; i++) {
      v[i] = r.next();
    }
  }
}
