package org.ntk4j.kernel.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background journal of finished tiles: order kept, kept on close, failures reported to the
 * writer.
 */
class TileJournalSyncerTest {
  @TempDir Path dir;

  @Test
  void drainJournalsEveryTileInOrder() throws IOException {
    Path journal = dir.resolve("j");
    try (FileChannel data = open(dir.resolve("d")); FileChannel log = open(journal);
        TileJournalSyncer syncer = new TileJournalSyncer(data, log, "test")) {
      for (int t = 0; t < 100; t++) {
        syncer.written(t);
      }
      syncer.drain();
    }
    StringBuilder expected = new StringBuilder();
    for (int t = 0; t < 100; t++) {
      expected.append(t).append('\n');
    }
    assertEquals(expected.toString(), Files.readString(journal, StandardCharsets.UTF_8));
  }

  @Test
  void closingWithoutDrainStillJournalsWhatWasWritten() throws IOException {
    Path journal = dir.resolve("j");
    try (FileChannel data = open(dir.resolve("d")); FileChannel log = open(journal);
        TileJournalSyncer syncer = new TileJournalSyncer(data, log, "test")) {
      syncer.written(4);
      syncer.written(7);
    } // an interrupted run: the sink closes without drain(); --resume must find both tiles
    assertEquals("4\n7\n", Files.readString(journal, StandardCharsets.UTF_8));
  }

  @Test
  void aFailedForceReachesTheWriter() throws IOException {
    FileChannel data = open(dir.resolve("d"));
    data.close();
    try (FileChannel log = open(dir.resolve("j"));
        TileJournalSyncer syncer = new TileJournalSyncer(data, log, "test")) {
      syncer.written(0);
      IOException e = assertThrows(IOException.class, syncer::drain);
      assertEquals("forcing tiles to disk failed", e.getMessage());
      assertThrows(IOException.class, () -> syncer.written(1));
    }
    assertEquals("", Files.readString(dir.resolve("j"), StandardCharsets.UTF_8));
  }

  private static FileChannel open(Path p) throws IOException {
    return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
