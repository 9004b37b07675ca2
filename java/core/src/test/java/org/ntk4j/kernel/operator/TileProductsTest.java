package org.ntk4j.kernel.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.linalg.Matrix;

/**
 * K·V from tiles whose buffers hold exactly their own values (as Spark's block files give them),
 * an edge tile smaller than the one before it: the scratch array is longer than the edge tile.
 */
class TileProductsTest {
  private static double k(int i, int j) {
    return 1.0 / (1 + i + j) + (i == j ? 1 : 0);
  }

  @Test
  void edgeTilesWithExactBuffersAfterFullOnes() {
    int n = 10;
    int edge = 4; // tiles of 4, 4 and 2 rows and columns
    Matrix v = new Matrix(n, 2, new double[n * 2]);
    for (int i = 0; i < n; i++) {
      v.set(i, 0, i + 1);
      v.set(i, 1, 1.0 / (i + 1));
    }
    for (boolean symmetric : new boolean[] {false, true}) {
      TileProducts sum = new TileProducts(n, symmetric, v);
      TileSink sink = sum.sink(true);
      TileGrid grid = new TileGrid(n, n, edge, symmetric);
      sink.begin(grid);
      for (Tile t : grid.tiles()) {
        ByteBuffer b = ByteBuffer.allocateDirect(t.rows() * t.cols() * Double.BYTES)
            .order(ByteOrder.nativeOrder());
        for (int i = 0; i < t.rows(); i++) {
          for (int j = 0; j < t.cols(); j++) {
            b.putDouble(k(t.r0() + i, t.c0() + j));
          }
        }
        sink.accept(t, null, new TileValues(b.flip(), Precision.FLOAT64, t.cols()));
      }
      Matrix product = sum.result();
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 2; c++) {
          double expected = 0;
          for (int j = 0; j < n; j++) {
            expected += k(i, j) * v.get(j, c);
          }
          assertEquals(expected, product.get(i, c), 1e-12, "symmetric=" + symmetric);
        }
      }
    }
  }
}
