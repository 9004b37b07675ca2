package org.ntk4j.kernel.tile;

import java.util.OptionalInt;
import java.util.Set;

/**
 * Takes finished kernel tiles. For a symmetric grid a sink writes each tile's upper part and its
 * mirror image; for a diagonal tile it uses only the entries on or above the diagonal.
 */
public interface TileSink extends AutoCloseable {

  /**
   * The tile edge this sink needs (a file being resumed was written with it), or empty to let
   * the backend choose from the device's memory.
   */
  default OptionalInt requiredEdge() {
    return OptionalInt.empty();
  }

  /**
   * Called before any tile; again, with a grid of smaller tiles, when a backend without a
   * {@link #requiredEdge()} ran out of device memory mid-run and starts over.
   */
  default void begin(TileGrid grid) {}

  /**
   * Indices of tiles an earlier, interrupted run already finished (resume): they are not
   * computed again. Valid after {@link #begin}.
   */
  default Set<Integer> finishedTiles() {
    return Set.of();
  }

  /**
   * Takes one tile; {@code nngp} or {@code ntk} is null when that kernel was not asked for.
   * Called from one thread, in tile order (a distributed backend, ntk4j-spark: in the order the
   * tiles finish).
   */
  void accept(Tile tile, TileValues nngp, TileValues ntk);

  /** Called once after the last tile; makes the result final (e.g. renames a file into place). */
  default void finish() {}

  @Override
  default void close() {}
}
