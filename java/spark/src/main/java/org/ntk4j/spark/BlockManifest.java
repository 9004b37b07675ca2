package org.ntk4j.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's record of the blocks in the work directory: a line naming the job, then one line
 * per block whose task succeeded (tile index, CRC-32C of its values, and the executor, backend
 * and GPU, -1 for none, that computed it), forced to disk before the block is assembled. A
 * driver that dies keeps what the executors finished: the next run of the same job assembles
 * the listed blocks instead of computing them again. A work directory left by another job is
 * cleared of its blocks.
 */
final class BlockManifest implements AutoCloseable {
  private static final String MAGIC = "ntk4j-blocks 1";
  private static final String NAME = "manifest";

  private final Path file;
  private final Map<Integer, Long> received = new HashMap<>();
  private final FileChannel log;

  private BlockManifest(Path directory, String job) throws IOException {
    this.file = directory.resolve(NAME);
    String header = MAGIC + " " + job.replace('\n', ' ');
    if (Files.exists(file) && readHeader().equals(header)) {
      readEntries();
      log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } else {
      deleteBlocks(directory);
      log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      append(header);
    }
  }

  static BlockManifest open(Path directory, String job) throws IOException {
    return new BlockManifest(directory, job);
  }

  /** Blocks an earlier driver of this job received: tile index to the CRC of its values. */
  Map<Integer, Long> received() {
    return Map.copyOf(received);
  }

  void record(TileResult r) throws IOException {
    append(r.item().index() + " " + Long.toHexString(r.crc()) + " " + r.executor() + " "
        + r.backend() + " " + r.gpu());
  }

  /**
   * Deletes the manifest and every block in {@code directory}, and the directory itself when
   * {@code created} (by this job).
   */
  static void clear(Path directory, boolean created) throws IOException {
    deleteBlocks(directory);
    Files.deleteIfExists(directory.resolve(NAME));
    if (created) {
      Files.deleteIfExists(directory);
    }
  }

  @Override
  public void close() throws IOException {
    if (log.isOpen()) {
      log.close();
    }
  }

  private String readHeader() throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.isEmpty() ? "" : lines.get(0);
  }

  /** Entries on complete lines (a line cut short by a kill is ignored). */
  private void readEntries() throws IOException {
    String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
    for (int k = 1; k < lines.length - 1; k++) {
      String[] f = lines[k].split(" ");
      received.put(Integer.parseInt(f[0]), Long.parseUnsignedLong(f[1], 16));
    }
  }

  private static void deleteBlocks(Path directory) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory,
        BlockFiles::isBlock)) {
      for (Path f : files) {
        Files.delete(f);
      }
    }
  }

  private void append(String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      log.write(b);
    }
    log.force(false);
  }
}
