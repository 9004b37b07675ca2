package org.ntk4j.kernel.operator;

import java.util.Arrays;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileValues;
import org.ntk4j.linalg.Matrix;

/**
 * Accumulates K·V from kernel tiles as they are computed, each tile dropped after use. For a
 * symmetric K only tiles on and above the diagonal arrive: an off-diagonal tile B at (r0, c0)
 * adds B·V[c0..] to rows r0.. and Bᵀ·V[r0..] to rows c0..; a diagonal tile is mirrored from
 * its upper part (the part a backend guarantees) and added once.
 */
final class TileProducts {
  private final int rows;
  private final int k;
  private final int kp;
  private final boolean symmetric;
  private final double[] vt;
  private final int n;
  private final double[] out;
  private final PanelProduct product = new PanelProduct();
  private double[] tile = new double[0];
  private double[] transposed = new double[0];

  /**
   * @param rows K's rows
   * @param symmetric whether only the upper tiles of a square K arrive
   * @param v V, K.cols × k
   */
  TileProducts(int rows, boolean symmetric, Matrix v) {
    this.rows = rows;
    this.k = v.cols();
    this.kp = PanelProduct.paddedWidth(k);
    this.symmetric = symmetric;
    this.vt = PanelProduct.transposed(v, kp);
    this.n = v.rows();
    this.out = new double[Math.multiplyExact(rows, kp)];
  }

  /** A sink that adds every tile of the chosen kernel. */
  TileSink sink(boolean ntk) {
    return new TileSink() {
      @Override
      public void begin(TileGrid grid) {
        // A backend that shrinks its tiles mid-run starts over: so does the sum.
        Arrays.fill(out, 0);
      }

      @Override
      public void accept(Tile t, TileValues nngp, TileValues ntkValues) {
        TileValues values = ntk ? ntkValues : nngp;
        double[] buffer = buffer(t);
        values.copyTo(buffer, t.rows() * t.cols());
        add(t, buffer);
      }
    };
  }

  /** A tile-sized scratch array (row-major rows × cols). */
  private double[] buffer(Tile t) {
    int size = t.rows() * t.cols();
    if (tile.length < size) {
      tile = new double[size];
    }
    return tile;
  }

  /** Adds one tile (row-major t.rows() × t.cols() in {@code values}). */
  void add(Tile t, double[] values) {
    int r = t.rows();
    int c = t.cols();
    if (t.onDiagonal(symmetric)) {
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < i; j++) {
          values[i * c + j] = values[j * c + i];
        }
      }
    }
    product.multiplyAdd(values, 0, c, r, c, vt, n, t.c0(), kp, out, t.r0());
    if (symmetric && !t.onDiagonal(true)) {
      if (transposed.length < r * c) {
        transposed = new double[r * c];
      }
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          transposed[j * r + i] = values[i * c + j];
        }
      }
      product.multiplyAdd(transposed, 0, r, c, r, vt, n, t.r0(), kp, out, t.c0());
    }
  }

  /** K·V, rows × k. */
  Matrix result() {
    return PanelProduct.trimmed(out, rows, k, kp);
  }
}
