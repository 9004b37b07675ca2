package org.ntk4j.kernel.operator;

/** Checks shared by the operators. */
final class Operators {
  private Operators() {}

  static void requireSquare(KernelOperator k) {
    if (!k.isSquare()) {
      throw new IllegalStateException("a " + k.rows() + "x" + k.cols()
          + " kernel has no diagonal; only train-train kernels do");
    }
  }

  static void requireIndices(int[] indices, int rows) {
    for (int i : indices) {
      if (i < 0 || i >= rows) {
        throw new IndexOutOfBoundsException("row " + i + " of a kernel with " + rows + " rows");
      }
    }
  }
}
