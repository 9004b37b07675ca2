package org.ntk4j.kernel.tile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ntk4j.Precision;

/**
 * Feeds a sink the tiles of a known kernel, entry (i, j) = {@link #entry}, as a device would:
 * in the given precision, native byte order, and with garbage (NaN) below the diagonal of a
 * symmetric grid's diagonal tiles.
 */
final class SyntheticTiles {
  private SyntheticTiles() {}

  /** Symmetric in i and j, no two entries alike. */
  static double entry(int i, int j) {
    return Math.sqrt(1.0 + i * j) + 0.001 * (i + j);
  }

  /** begin, every tile (the same values for NNGP and NTK), finish. */
  static void feed(TileSink sink, TileGrid grid, Precision precision) {
    sink.begin(grid);
    for (Tile t : grid.tiles()) {
      ByteBuffer b = ByteBuffer.allocateDirect(t.rows() * t.cols() * precision.bytes())
          .order(ByteOrder.nativeOrder());
      boolean diagonal = t.onDiagonal(grid.symmetric());
      for (int i = 0; i < t.rows(); i++) {
        for (int j = 0; j < t.cols(); j++) {
          double v = diagonal && j < i ? Double.NaN : entry(t.r0() + i, t.c0() + j);
          if (precision == Precision.FLOAT64) {
            b.putDouble(v);
          } else {
            b.putFloat((float) v);
          }
        }
      }
      TileValues values = new TileValues(b.clear(), precision, t.cols());
      sink.accept(t, values, values);
    }
    sink.finish();
  }
}
