package org.ntk4j.io;

import java.util.Arrays;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * An N-d array of doubles in C (row-major) order, as read from or written to a {@code .npy}.
 *
 * @param shape dimensions, outermost first; empty for a scalar
 * @param data the elements, {@code product(shape)} of them
 */
public record NpyArray(long[] shape, double[] data) {

  public NpyArray {
    shape = shape.clone();
    long n = 1;
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in " + NpyHeader.shapeString(shape));
      }
      n = Math.multiplyExact(n, s);
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + NpyHeader.shapeString(shape) + " needs " + n
          + " values, got " + data.length);
    }
  }

  /** A 2-D array holding the matrix (shares its data). */
  public static NpyArray of(Matrix m) {
    return new NpyArray(new long[] {m.rows(), m.cols()}, m.data());
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /**
   * The array as a matrix (sharing its data): 2-D as is, 1-D of length n as n×1.
   *
   * @param source a name for messages (usually the file)
   * @throws InvalidInputException for any other rank
   */
  public Matrix toMatrix(String source) {
    return switch (shape.length) {
      case 1 -> new Matrix(dimension(0, source), 1, data);
      case 2 -> new Matrix(dimension(0, source), dimension(1, source), data);
      default -> throw new InvalidInputException(source + ": expected a 1-D or 2-D array, got"
          + " shape " + NpyHeader.shapeString(shape) + "; reshape it to (examples, features)");
    };
  }

  private int dimension(int axis, String source) {
    if (shape[axis] > Integer.MAX_VALUE) {
      throw new InvalidInputException(source + ": dimension " + shape[axis] + " of shape "
          + shapeString() + " is too large for a matrix");
    }
    return (int) shape[axis];
  }

  /** The shape as numpy prints it, e.g. {@code (3, 4)}. */
  public String shapeString() {
    return NpyHeader.shapeString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NpyArray" + shapeString();
  }
}
