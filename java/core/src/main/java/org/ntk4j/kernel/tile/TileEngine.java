package org.ntk4j.kernel.tile;

/**
 * A device that computes kernel tiles asynchronously into one of two slots, so that one tile
 * computes while the previous one is copied out and handed to the sink ({@link TilePipeline}).
 */
public interface TileEngine {

  /** Starts computing {@code tile} into {@code slot} (0 or 1) and returns without waiting. */
  void submit(Tile tile, int slot);

  /**
   * Waits until the tile last submitted to {@code slot} is on the host; returns its NNGP and NTK
   * values (each null when not asked for), valid until the slot is submitted again.
   */
  TileValues[] await(int slot);
}
