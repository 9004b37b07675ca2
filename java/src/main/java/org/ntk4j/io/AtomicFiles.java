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
    try (Pending p = prepare(target, writer)) {
      p.commit();
    }
  }

  /** Adapts a stream writer to a channel writer. */
  public static ChannelWriter channelWriter(StreamWriter writer) {
    return ch -> {
      OutputStream out = Channels.newOutputStream(ch);
      writer.write(out);
      out.flush();
    };
  }

  /**
   * Writes the content to a temporary file next to {@code target} and forces it to disk, but
   * does not yet rename it: several files can be prepared and then committed together, so an
   * error while writing any of them leaves none behind. Closing an uncommitted file deletes it.
   */
  public static Pending prepare(Path target, ChannelWriter writer) throws IOException {
    Path dir = directoryOf(target);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    boolean written = false;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writer.write(ch);
        ch.force(true);
      }
      written = true;
      return new Pending(temp, target);
    } finally {
      if (!written) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** A fully written temporary file waiting to be renamed into place. */
  public static final class Pending implements AutoCloseable {
    private final Path temp;
    private final Path target;
    private boolean committed;

    private Pending(Path temp, Path target) {
      this.temp = temp;
      this.target = target;
    }

    public Path target() {
      return target;
    }

    /** Renames the temporary file over the target. */
    public void commit() throws IOException {
      moveIntoPlace(temp, target);
      committed = true;
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        Files.deleteIfExists(temp);
      }
    }
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
