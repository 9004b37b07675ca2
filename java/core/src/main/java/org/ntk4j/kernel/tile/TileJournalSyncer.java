package org.ntk4j.kernel.tile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records finished tiles in a tile journal off the writer's thread. The writer hands over each
 * tile once its bytes are written to the data file; a background thread repeatedly forces the
 * data file to disk and then appends the tiles written before that force to the journal, forced
 * as well. So the journal lists only tiles whose data are on disk, while writing never waits for
 * the disk: the disk works on one batch while the next is written, as a sequential copy's
 * write-back does.
 */
final class TileJournalSyncer implements AutoCloseable {
  private final FileChannel data;
  private final FileChannel journal;
  private final Thread thread;
  /** Tiles written but not yet in the journal; guarded by this. */
  private final List<Integer> written = new ArrayList<>();
  private boolean stopping;
  private IOException failure;

  TileJournalSyncer(FileChannel data, FileChannel journal, String name) {
    this.data = data;
    this.journal = journal;
    this.thread = new Thread(this::run, "ntk4j-sync " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over a tile whose bytes are written. @throws IOException if a sync failed */
  synchronized void written(int tile) throws IOException {
    throwFailure();
    written.add(tile);
    notifyAll();
  }

  /** Waits until every tile handed over is in the journal. @throws IOException if a sync failed */
  void drain() throws IOException {
    stop();
    synchronized (this) {
      throwFailure();
    }
  }

  /**
   * Stops after journaling the tiles handed over (an interrupted run keeps every tile it wrote
   * for --resume); a sync that fails leaves them out of the journal, which is safe: a resumed
   * run computes them again.
   */
  @Override
  public void close() {
    stop();
  }

  private void stop() {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      List<Integer> batch;
      synchronized (this) {
        while (written.isEmpty() && !stopping) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (written.isEmpty()) {
          return;
        }
        batch = new ArrayList<>(written);
        written.clear();
      }
      try {
        data.force(false);
        StringBuilder lines = new StringBuilder();
        for (int tile : batch) {
          lines.append(tile).append('\n');
        }
        ByteBuffer b = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          journal.write(b);
        }
        journal.force(false);
      } catch (IOException e) {
        synchronized (this) {
          failure = e;
        }
        return;
      }
    }
  }

  private void throwFailure() throws IOException {
    if (failure != null) {
      throw new IOException("forcing tiles to disk failed", failure);
    }
  }
}
