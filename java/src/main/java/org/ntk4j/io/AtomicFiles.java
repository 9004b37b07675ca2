package org.ntk4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.ntk4j.kernel.InvalidInputException;

/**
 * Writes a file so that readers see either the old file or the complete new one: the content goes
 * to a temporary file in the same directory, is forced to disk, and is then renamed over the
 * target. On any failure the temporary file is deleted and the target is untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Fills a channel positioned at 0; may throw anything, which aborts the write. */
  @FunctionalInterface
  public interface ChannelWriter {
    void write(FileChannel channel) throws IOException;
  }

  /** Fills an (unbuffered) output stream; may throw anything, which aborts the write. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically through a file channel.
   *
   * @throws InvalidInputException when the target's directory does not exist
   * @throws IOException when writing fails (the target is then unchanged)
   */
  public static void write(Path target, ChannelWriter writer) throws IOException {
    Path dir = directoryOf(target);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writer.write(ch);
        ch.force(true);
      }
      moveIntoPlace(temp, target);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Writes {@code target} atomically through an output stream (e.g. for text or gzip). */
  public static void writeStream(Path target, StreamWriter writer) throws IOException {
    write(target, ch -> {
      OutputStream out = Channels.newOutputStream(ch);
      writer.write(out);
      out.flush();
    });
  }

  /**
   * The directory a new file {@code target} goes into, checked to exist.
   *
   * @throws InvalidInputException when it does not exist or is not a directory
   */
  public static Path directoryOf(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InvalidInputException("cannot write " + target + ": directory " + dir
          + " does not exist; create it first");
    }
    if (Files.isDirectory(target)) {
      throw new InvalidInputException("cannot write " + target + ": it is a directory");
    }
    return dir;
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Makes the rename itself durable where the platform allows it (Linux does; best effort). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open directories; the data itself is already on disk.
    }
  }
}
