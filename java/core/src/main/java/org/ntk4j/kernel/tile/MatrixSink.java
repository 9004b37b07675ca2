package org.ntk4j.kernel.tile;

import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;

/**
 * Collects tiles into in-memory matrices (null for a kernel that was not asked for), of any
 * storage: heap float64 by default, native or float32 from a {@link MatrixAllocator}.
 */
public final class MatrixSink implements TileSink {
  private final Matrix nngp;
  private final Matrix ntk;
  private boolean symmetric;

  public MatrixSink(int n1, int n2, boolean withNngp, boolean withNtk) {
    this(n1, n2, withNngp, withNtk, MatrixAllocator.HEAP);
  }

  public MatrixSink(int n1, int n2, boolean withNngp, boolean withNtk, MatrixAllocator out) {
    this.nngp = withNngp ? out.allocate(n1, n2) : null;
    this.ntk = withNtk ? out.allocate(n1, n2) : null;
  }

  @Override
  public void begin(TileGrid grid) {
    symmetric = grid.symmetric();
  }

  @Override
  public void accept(Tile tile, TileValues nngpValues, TileValues ntkValues) {
    store(tile, nngpValues, nngp);
    store(tile, ntkValues, ntk);
  }

  /**
   * Copies the tile's rows (in bulk into a heap float64 matrix), then for a symmetric grid its
   * mirror image in 32 × 32 blocks, so that the column-wise writes stay within cache lines and
   * pages already touched.
   */
  private void store(Tile tile, TileValues v, Matrix m) {
    if (v == null || m == null) {
      return;
    }
    boolean diagonal = tile.onDiagonal(symmetric);
    double[] out = m.hasArray() ? m.data() : null;
    int n2 = m.cols();
    for (int i = 0; i < tile.rows(); i++) {
      int j0 = diagonal ? i : 0;
      if (out != null) {
        v.copyRow(i, j0, tile.cols(), out, (tile.r0() + i) * n2 + tile.c0() + j0);
      } else {
        for (int j = j0; j < tile.cols(); j++) {
          m.set(tile.r0() + i, tile.c0() + j, v.get(i, j));
        }
      }
    }
    if (!symmetric) {
      return;
    }
    int block = 32;
    for (int i0 = 0; i0 < tile.rows(); i0 += block) {
      for (int j0 = diagonal ? i0 : 0; j0 < tile.cols(); j0 += block) {
        for (int i = i0; i < Math.min(tile.rows(), i0 + block); i++) {
          int col = tile.r0() + i;
          for (int j = diagonal ? Math.max(j0, i + 1) : j0; j < Math.min(tile.cols(), j0 + block);
              j++) {
            if (out != null) {
              out[(tile.c0() + j) * n2 + col] = v.get(i, j);
            } else {
              m.set(tile.c0() + j, col, v.get(i, j));
            }
          }
        }
      }
    }
  }

  public Matrix nngp() {
    return nngp;
  }

  public Matrix ntk() {
    return ntk;
  }
}
