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

  private void store(Tile tile, TileValues v, Matrix m) {
    if (v == null || m == null) {
      return;
    }
    boolean diagonal = tile.onDiagonal(symmetric);
    for (int i = 0; i < tile.rows(); i++) {
      for (int j = diagonal ? i : 0; j < tile.cols(); j++) {
        double x = v.get(i, j);
        m.set(tile.r0() + i, tile.c0() + j, x);
        if (symmetric) {
          m.set(tile.c0() + j, tile.r0() + i, x);
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
