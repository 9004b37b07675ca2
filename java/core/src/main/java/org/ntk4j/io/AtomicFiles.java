package org.ntk4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.ntk4j.InvalidInputException;

/**
 * Writes a file so that readers see either the old file or the complete new one: the content goes
 * to a temporary file in the same directory, is forced to disk, and is then renamed over the
 * target. On any failure the temporary file is deleted and the target is untouched.
 *
 * <p>A temporary file ({@code .<name>.<random>.part}) is locked while it exists, so one that
 * nobody holds was left by a killed run: the next write of the same target deletes it.
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
   * error while writing any of them leaves none behind. Closing an uncommitted file deletes it,
   * and so does the JVM's exit (e.g. Ctrl-C) while it is pending.
   *
   * @throws InvalidInputException when the directory is missing or not writable
   */
  public static Pending prepare(Path target, ChannelWriter writer) throws IOException {
    Path dir = directoryOf(target);
    removeStrayTemporaries(dir, target);
    Path temp = null;
    FileChannel ch = null;
    boolean written = false;
    try {
      while (ch == null) {
        temp = dir.resolve(temporaryPrefix(target)
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
        try {
          // Not Files.createTempFile: its 0600 mode would stick to the renamed output.
          ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          temp = null;
        }
      }
      ch.lock();
      LiveTemporaries.add(temp);
      writer.write(ch);
      ch.force(true);
      written = true;
      return new Pending(temp, target, ch);
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("cannot write " + target + ": permission denied in "
          + dir);
    } finally {
      if (!written && temp != null) {
        if (ch != null) {
          ch.close();
        }
        Files.deleteIfExists(temp);
        LiveTemporaries.remove(temp);
      }
    }
  }

  /** Temporary files of a target are named {@code .<name>.<random, base 36>.part}. */
  private static String temporaryPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  /**
   * Deletes the temporary files of {@code target} that no process holds locked: left by a run
   * killed before it could remove them (SIGKILL runs no shutdown hook).
   */
  private static void removeStrayTemporaries(Path dir, Path target) {
    String prefix = temporaryPrefix(target);
    DirectoryStream.Filter<Path> ofTarget = p -> {
      String name = p.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(".part") && name.length() > prefix.length()
          + 5 && name.substring(prefix.length(), name.length() - 5).matches("[0-9a-z]+");
    };
    try (DirectoryStream<Path> stray = Files.newDirectoryStream(dir, ofTarget)) {
      for (Path p : stray) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          if (ch.tryLock() != null) {
            Files.deleteIfExists(p);
          }
        } catch (OverlappingFileLockException | IOException e) {
          // held by this process, or gone meanwhile: not stray
        }
      }
    } catch (IOException e) {
      // An unreadable directory fails the write itself, with its own message.
    }
  }

  /** A fully written temporary file waiting to be renamed into place. */
  public static final class Pending implements AutoCloseable {
    private final Path temp;
    private final Path target;
    /** Open until committed or deleted: it holds the lock that marks the file as in use. */
    private final FileChannel channel;
    private boolean committed;

    private Pending(Path temp, Path target, FileChannel channel) {
      this.temp = temp;
      this.target = target;
      this.channel = channel;
    }

    public Path target() {
      return target;
    }

    /** Renames the temporary file over the target. */
    public void commit() throws IOException {
      moveIntoPlace(temp, target);
      committed = true;
      LiveTemporaries.remove(temp);
      channel.close();
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        channel.close();
        Files.deleteIfExists(temp);
        LiveTemporaries.remove(temp);
      }
    }
  }

  /**
   * Several prepared files committed together: {@link #commit()} renames them in the order they
   * were added; {@link #close()} deletes whatever was not committed (all of them when preparing
   * a later one failed).
   */
  public static final class Batch implements AutoCloseable {
    private final List<Pending> pending = new ArrayList<>();

    /** Adds a prepared file to be committed with the others. */
    public void add(Pending p) {
      pending.add(p);
    }

    /** Renames every file into place; returns their targets' names in order. */
    public List<String> commit() throws IOException {
      List<String> names = new ArrayList<>();
      for (Pending p : pending) {
        p.commit();
        names.add(p.target().toString());
      }
      return names;
    }

    @Override
    public void close() throws IOException {
      for (Pending p : pending) {
        p.close();
      }
    }
  }

  /** Temporary files not yet committed or deleted; a shutdown hook removes what is left. */
  private static final class LiveTemporaries {
    private static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        for (Path p : PATHS) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            // Nothing more can be done while the JVM exits.
          }
        }
      }, "ntk4j-temporary-files"));
    }

    static void add(Path p) {
      PATHS.add(p);
    }

    static void remove(Path p) {
      PATHS.remove(p);
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
