package org.ntk4j.backend.device;

import org.ntk4j.kernel.tile.Tile;

/** Runs before each tile's launch; tests throw from it to simulate device failures. */
@FunctionalInterface
public interface TileLaunchHook {
  TileLaunchHook NONE = (tile, edge) -> { };

  /** Called with the tile about to launch and the edge the tiles were allocated for. */
  void beforeLaunch(Tile tile, int edge);
}
