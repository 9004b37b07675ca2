package org.ntk4j.kernel.tile;

/**
 * One rectangular block of a kernel matrix: rows [r0, r0 + rows) of X1 against columns
 * [c0, c0 + cols) of X2. {@code index} is its position in the {@link TileGrid}'s order.
 */
public record Tile(int index, int r0, int c0, int rows, int cols) {

  /** Whether this is a diagonal tile of a symmetric request (only its upper part is used). */
  public boolean onDiagonal(boolean symmetric) {
    return symmetric && r0 == c0;
  }

  /** Kernel entries this tile finishes: the upper triangle only for a symmetric diagonal tile. */
  public long entries(boolean symmetric) {
    return onDiagonal(symmetric) ? (long) rows * (rows + 1) / 2 : (long) rows * cols;
  }
}
