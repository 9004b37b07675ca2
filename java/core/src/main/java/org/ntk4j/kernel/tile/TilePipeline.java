package org.ntk4j.kernel.tile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntk4j.kernel.ProgressListener;

/**
 * Double buffering: tile k + 1 is submitted before tile k is awaited and given to the sink, so
 * the device computes while the host stores. Tiles the sink already has (resume) are skipped.
 */
public final class TilePipeline {
  private TilePipeline() {}

  public static void run(TileGrid grid, TileEngine engine, TileSink sink,
      ProgressListener progress) {
    sink.begin(grid);
    Set<Integer> finished = sink.finishedTiles();
    List<Tile> todo = new ArrayList<>();
    long done = 0;
    for (Tile t : grid.tiles()) {
      if (finished.contains(t.index())) {
        done += t.entries(grid.symmetric());
      } else {
        todo.add(t);
      }
    }
    long total = grid.entries();
    for (int k = 0; k <= todo.size(); k++) {
      if (k < todo.size()) {
        engine.submit(todo.get(k), k % 2);
      }
      if (k > 0) {
        Tile previous = todo.get(k - 1);
        TileValues[] v = engine.await((k - 1) % 2);
        sink.accept(previous, v[0], v[1]);
        done += previous.entries(grid.symmetric());
        progress.progress(done, total);
      }
    }
    sink.finish();
  }
}
