package org.ntk4j.kernel.tile;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** Several sinks fed the same tiles (e.g. one .npy file for the NNGP and one for the NTK). */
public final class TileSinks implements TileSink {
  private final List<TileSink> sinks;

  private TileSinks(List<TileSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  public static TileSink of(List<TileSink> sinks) {
    return sinks.size() == 1 ? sinks.get(0) : new TileSinks(sinks);
  }

  /** The edge every sink that cares agrees on. */
  @Override
  public OptionalInt requiredEdge() {
    OptionalInt edge = OptionalInt.empty();
    for (TileSink s : sinks) {
      OptionalInt e = s.requiredEdge();
      if (e.isPresent() && edge.isPresent() && e.getAsInt() != edge.getAsInt()) {
        throw new org.ntk4j.InvalidInputException("the outputs being resumed were"
            + " written with different tile sizes; delete their .tiles journals to start again");
      }
      edge = e.isPresent() ? e : edge;
    }
    return edge;
  }

  @Override
  public void begin(TileGrid grid) {
    for (TileSink s : sinks) {
      s.begin(grid);
    }
  }

  /** Tiles every sink already has. */
  @Override
  public Set<Integer> finishedTiles() {
    Set<Integer> common = null;
    for (TileSink s : sinks) {
      if (common == null) {
        common = new HashSet<>(s.finishedTiles());
      } else {
        common.retainAll(s.finishedTiles());
      }
    }
    return common == null ? Set.of() : common;
  }

  @Override
  public void accept(Tile tile, TileValues nngp, TileValues ntk) {
    for (TileSink s : sinks) {
      s.accept(tile, nngp, ntk);
    }
  }

  @Override
  public void finish() {
    for (TileSink s : sinks) {
      s.finish();
    }
  }

  @Override
  public void close() {
    for (TileSink s : sinks) {
      s.close();
    }
  }
}
