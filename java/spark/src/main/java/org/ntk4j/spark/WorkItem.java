package org.ntk4j.spark;

import java.io.Serializable;
import org.ntk4j.kernel.tile.Tile;

/**
 * One Spark task's work: a kernel tile (computed and written as a block file); when a resumed
 * run skips the tiles that would have produced them, the diagonals K(x, x) of a range of inputs
 * (returned with the task's result; nothing is written); or, before any of these, opening the
 * backend on an executor, so that one that cannot run there is refused before the job begins.
 *
 * @param kind what to compute
 * @param index the tile's index in the grid (for a diagonal: the first input's row)
 * @param r0 first row of X1 (a diagonal of X2: first row of X2)
 * @param c0 first row of X2 (X1 for a symmetric request); unused for a diagonal
 * @param rows rows of the tile, or inputs of the diagonal
 * @param cols columns of the tile; unused for a diagonal
 */
record WorkItem(Kind kind, int index, int r0, int c0, int rows, int cols) implements Serializable {

  enum Kind {
    /** A tile of the kernel matrices. */
    TILE,
    /** The diagonal of X1's rows [r0, r0 + rows). */
    X1_DIAGONAL,
    /** The diagonal of X2's rows [r0, r0 + rows) (a request with a separate X2). */
    X2_DIAGONAL,
    /** Nothing but opening the backend. */
    BACKEND_CHECK
  }

  static WorkItem tile(Tile t) {
    return new WorkItem(Kind.TILE, t.index(), t.r0(), t.c0(), t.rows(), t.cols());
  }

  static WorkItem diagonal(boolean ofX2, int r0, int rows) {
    return new WorkItem(ofX2 ? Kind.X2_DIAGONAL : Kind.X1_DIAGONAL, r0, r0, 0, rows, 0);
  }

  static WorkItem backendCheck() {
    return new WorkItem(Kind.BACKEND_CHECK, 0, 0, 0, 0, 0);
  }

  Tile asTile() {
    return new Tile(index, r0, c0, rows, cols);
  }
}
