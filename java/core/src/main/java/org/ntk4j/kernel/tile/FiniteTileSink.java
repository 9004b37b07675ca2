package org.ntk4j.kernel.tile;

import java.util.OptionalInt;
import java.util.Set;
import org.ntk4j.Precision;
import org.ntk4j.kernel.FiniteKernels;
import org.ntk4j.kernel.KernelRequest;

/**
 * Passes tiles on to a sink only when every value it uses is finite (the finite-or-refused rule
 * of {@link FiniteKernels}): a device result with NaN or an infinity is refused before any of it
 * is stored.
 */
public final class FiniteTileSink implements TileSink {
  private final KernelRequest request;
  private final double max;
  private final TileSink sink;
  private boolean symmetric;

  private FiniteTileSink(KernelRequest request, Precision precision, TileSink sink) {
    this.request = request;
    this.max = max(precision);
    this.sink = sink;
  }

  /** {@code sink}, taking only finite tiles of {@code request} computed in {@code precision}. */
  public static TileSink of(KernelRequest request, Precision precision, TileSink sink) {
    return new FiniteTileSink(request, precision, sink);
  }

  /**
   * Refuses a device's diagonals, {NNGP, NTK} for X1 and for X2, before any tile is computed
   * (the NTK's only when it was asked for).
   */
  public static void requireDiagonals(KernelRequest request, Precision precision,
      double[][] diag1, double[][] diag2) {
    boolean ntk = request.ntk();
    FiniteKernels.requireDiagonals(request, max(precision), diag1[0], ntk ? diag1[1] : null,
        diag2[0], ntk ? diag2[1] : null);
  }

  private static double max(Precision precision) {
    return precision == Precision.FLOAT64 ? FiniteKernels.FLOAT64_MAX
        : FiniteKernels.FLOAT32_MAX;
  }

  @Override
  public OptionalInt requiredEdge() {
    return sink.requiredEdge();
  }

  @Override
  public void begin(TileGrid grid) {
    symmetric = grid.symmetric();
    sink.begin(grid);
  }

  @Override
  public Set<Integer> finishedTiles() {
    return sink.finishedTiles();
  }

  @Override
  public void accept(Tile tile, TileValues nngp, TileValues ntk) {
    require(tile, nngp, false);
    require(tile, ntk, true);
    sink.accept(tile, nngp, ntk);
  }

  /** Checks the entries the sinks use: on a symmetric diagonal tile, the upper part only. */
  private void require(Tile tile, TileValues v, boolean isNtk) {
    if (v == null) {
      return;
    }
    boolean diagonal = tile.onDiagonal(symmetric);
    for (int i = 0; i < tile.rows(); i++) {
      for (int j = diagonal ? i : 0; j < tile.cols(); j++) {
        double x = v.get(i, j);
        if (!Double.isFinite(x)) {
          throw FiniteKernels.refusal(request, max, isNtk, tile.r0() + i, tile.c0() + j, x);
        }
      }
    }
  }

  @Override
  public void finish() {
    sink.finish();
  }

  @Override
  public void close() {
    sink.close();
  }
}
