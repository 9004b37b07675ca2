package org.ntk4j.krylov;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/**
 * Several N × k blocks side by side as one N × (blocks·k) matrix and back: how many right-hand
 * sides (every time of a schedule) share one pass of an operator over K.
 */
public final class ColumnBlocks {
  private ColumnBlocks() {}

  /** [B_1 | B_2 | …] for blocks of one shape. */
  public static Matrix stack(List<Matrix> blocks) {
    int n = blocks.get(0).rows();
    int k = blocks.get(0).cols();
    Matrix out = Matrix.zeros(n, k * blocks.size());
    for (int b = 0; b < blocks.size(); b++) {
      blocks.get(b).requireSameShape(blocks.get(0));
      for (int j = 0; j < n; j++) {
        System.arraycopy(blocks.get(b).data(), j * k, out.data(), j * out.cols() + b * k, k);
      }
    }
    return out;
  }

  /** The k-column blocks of m, left to right (the inverse of {@link #stack}). */
  public static List<Matrix> split(Matrix m, int k) {
    List<Matrix> out = new ArrayList<>();
    for (int b = 0; b < m.cols() / k; b++) {
      Matrix block = Matrix.zeros(m.rows(), k);
      for (int j = 0; j < m.rows(); j++) {
        System.arraycopy(m.data(), j * m.cols() + b * k, block.data(), j * k, k);
      }
      out.add(block);
    }
    return out;
  }
}
