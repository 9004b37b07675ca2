package org.ntk4j.kernel.tile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits an n1 × n2 kernel matrix into square tiles of edge {@code edge} (the last row and column
 * of tiles are smaller when n is not a multiple of it). A symmetric request (X2 = X1) covers only
 * tiles on or above the diagonal; the sinks mirror them.
 */
public final class TileGrid {
  private final int n1;
  private final int n2;
  private final int edge;
  private final boolean symmetric;
  private final List<Tile> tiles;

  public TileGrid(int n1, int n2, int edge, boolean symmetric) {
    if (n1 < 1 || n2 < 1 || edge < 1) {
      throw new IllegalArgumentException("a tile grid needs n1, n2, edge >= 1, got "
          + n1 + ", " + n2 + ", " + edge);
    }
    if (symmetric && n1 != n2) {
      throw new IllegalArgumentException("a symmetric grid is square, got " + n1 + "x" + n2);
    }
    this.n1 = n1;
    this.n2 = n2;
    this.edge = edge;
    this.symmetric = symmetric;
    List<Tile> t = new ArrayList<>();
    for (int r0 = 0; r0 < n1; r0 += edge) {
      for (int c0 = symmetric ? r0 : 0; c0 < n2; c0 += edge) {
        t.add(new Tile(t.size(), r0, c0, Math.min(edge, n1 - r0), Math.min(edge, n2 - c0)));
      }
    }
    this.tiles = Collections.unmodifiableList(t);
  }

  public int n1() {
    return n1;
  }

  public int n2() {
    return n2;
  }

  public int edge() {
    return edge;
  }

  public boolean symmetric() {
    return symmetric;
  }

  /** The tiles in computation order (row-major over tile positions). */
  public List<Tile> tiles() {
    return tiles;
  }

  /** The distinct kernel entries the grid computes (the upper triangle when symmetric). */
  public long entries() {
    return symmetric ? (long) n1 * (n1 + 1) / 2 : (long) n1 * n2;
  }
}
