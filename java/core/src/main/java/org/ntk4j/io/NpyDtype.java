package org.ntk4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ntk4j.Precision;

/**
 * A numeric numpy element type as written in a {@code .npy} header's {@code descr}, e.g.
 * {@code <f8}: byte order ({@code <} little, {@code >} big, {@code |} or {@code =} n/a), kind
 * ({@code f} float, {@code i} signed, {@code u} unsigned, {@code b} bool) and size in bytes.
 *
 * @param kind one of {@code f}, {@code i}, {@code u}, {@code b}
 * @param size bytes per element
 * @param order byte order of multi-byte elements
 */
public record NpyDtype(char kind, int size, ByteOrder order) {
  public static final NpyDtype FLOAT64 = new NpyDtype('f', 8, ByteOrder.LITTLE_ENDIAN);
  public static final NpyDtype FLOAT32 = new NpyDtype('f', 4, ByteOrder.LITTLE_ENDIAN);

  public NpyDtype {
    boolean known = switch (kind) {
      case 'f' -> size == 4 || size == 8;
      case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
      case 'b' -> size == 1;
      default -> false;
    };
    if (!known) {
      throw new IllegalArgumentException("unsupported dtype kind '" + kind + "' size " + size);
    }
  }

  /**
   * Parses a numpy type string such as {@code <f8}, {@code >f4}, {@code |u1}, {@code <i8}.
   *
   * @throws IllegalArgumentException naming the type when it is not a plain number type
   */
  /** The little-endian .npy element type that stores values of {@code precision}. */
  public static NpyDtype of(Precision precision) {
    return precision == Precision.FLOAT64 ? FLOAT64 : FLOAT32;
  }

  public static NpyDtype parse(String descr) {
    if (descr.length() < 3) {
      throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
    }
    char orderChar = descr.charAt(0);
    ByteOrder order = switch (orderChar) {
      case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
      case '>' -> ByteOrder.BIG_ENDIAN;
      case '=' -> ByteOrder.nativeOrder();
      default -> throw new IllegalArgumentException("unsupported dtype '" + descr
          + "' (expected a byte-order mark <, >, | or =)");
    };
    char kind = descr.charAt(1);
    int size;
    try {
      size = Integer.parseInt(descr.substring(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
    }
    try {
      return new NpyDtype(kind, size, order);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported dtype '" + descr
          + "' (ntk4j reads float32/64, signed/unsigned integers and bool)");
    }
  }

  /** The header string, e.g. {@code <f8}; single-byte types use {@code |}. */
  public String descr() {
    char mark = size == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + mark + kind + size;
  }

  /** A readable name such as {@code float64} or {@code uint8}. */
  public String typeName() {
    return switch (kind) {
      case 'f' -> "float" + size * 8;
      case 'i' -> "int" + size * 8;
      case 'u' -> "uint" + size * 8;
      default -> "bool";
    };
  }

  /** Reads one element at the buffer's position (whose order must be {@link #order}). */
  double get(ByteBuffer b) {
    return switch (kind) {
      case 'f' -> size == 8 ? b.getDouble() : b.getFloat();
      case 'i' -> switch (size) {
        case 1 -> b.get();
        case 2 -> b.getShort();
        case 4 -> b.getInt();
        default -> b.getLong();
      };
      case 'u' -> switch (size) {
        case 1 -> Byte.toUnsignedInt(b.get());
        case 2 -> Short.toUnsignedInt(b.getShort());
        case 4 -> Integer.toUnsignedLong(b.getInt());
        default -> unsignedLongToDouble(b.getLong());
      };
      default -> b.get() != 0 ? 1.0 : 0.0;
    };
  }

  /** Writes one element (float types only; the library writes nothing else). */
  void put(ByteBuffer b, double v) {
    if (kind != 'f') {
      throw new IllegalStateException("ntk4j writes float32 or float64 only, not " + typeName());
    }
    if (size == 8) {
      b.putDouble(v);
    } else {
      b.putFloat((float) v);
    }
  }

  private static double unsignedLongToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1);
  }

  @Override
  public String toString() {
    return typeName() + (size > 1 && order == ByteOrder.BIG_ENDIAN ? " (big-endian)" : "");
  }
}
