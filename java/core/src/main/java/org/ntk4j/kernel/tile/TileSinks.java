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

  /**
   * A sink's required edge, checked to be a multiple of the backend's tile alignment (a
   * journal whose edge is not was not written by it: damaged, or edited; its tiles would be
   * computed from the wrong rows).
   */
  public static OptionalInt requireEdgeAlignment(OptionalInt edge, int alignment) {
    if (edge.isPresent() && edge.getAsInt() % alignment != 0) {
      throw new org.ntk4j.InvalidInputException("cannot resume: the outputs' .tiles"
          + " journals give a tile edge of " + edge.getAsInt() + ", not a multiple of "
          + alignment + " as this backend writes (a damaged journal?); delete the .tiles and"
          + " .partial files to start again");
    }
    return edge;
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
