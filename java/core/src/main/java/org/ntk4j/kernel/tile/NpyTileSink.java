package org.ntk4j.kernel.tile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.ntk4j.InvalidInputException;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.io.NpyHeader;

/**
 * Streams one kernel (NNGP or NTK) into an n1 × n2 {@code .npy} file on disk, tile by tile, so
 * the matrix never has to fit in memory, and so that an interrupted run can resume.
 *
 * <p>While running, the data go to {@code <target>.partial} (header written first, then each
 * tile written in place at its offset, straight from the tile's memory where the byte layouts
 * agree) and every finished tile's index is appended to {@code <target>.tiles} after its data
 * are forced to disk — by a background thread ({@link TileJournalSyncer}), so writing goes on
 * while the disk catches up. A resumed run checks that the
 * journal describes the same job (shape, tile edge, dtype, fingerprint of architecture and
 * inputs), skips the tiles it lists and rewrites any tile it does not; the result is the same
 * bytes an uninterrupted run writes. Only when every tile is in is the file renamed into place
 * and the journal deleted. While a run writes, it holds a lock on the journal, so that another
 * run to the same file is refused and a journal nobody holds is known to be left by an
 * interrupted run ({@link #removeInterrupted}).
 */
public final class NpyTileSink implements TileSink {
  private static final String MAGIC = "ntk4j-tiles 1";

  private final Path target;
  private final Path partial;
  private final Path journal;
  private final boolean ntk;
  private final NpyDtype dtype;
  private final String fingerprint;
  private final boolean resume;
  private final String header;
  private final OptionalInt journalEdge;
  private final Set<Integer> finished = new HashSet<>();
  private FileChannel data;
  private FileChannel log;
  private TileJournalSyncer syncer;
  /** A tile's rows in the file's layout when the tile's differs; its transpose (the mirror). */
  private ByteBuffer staging;
  private ByteBuffer mirror;
  private NpyHeader npy;
  private TileGrid grid;

  /**
   * @param ntk whether this file takes the NTK (else the NNGP)
   * @param fingerprint identifies the job (architecture and inputs): a resume of another job is
   *     refused
   * @param resume whether to continue a journal left by an interrupted run (if there is one)
   */
  public NpyTileSink(Path target, boolean ntk, NpyDtype dtype, String fingerprint,
      boolean resume) {
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + ".partial");
    this.journal = target.resolveSibling(target.getFileName() + ".tiles");
    this.ntk = ntk;
    this.dtype = dtype;
    this.fingerprint = fingerprint.replace('\n', ' ');
    this.resume = resume;
    this.header = resume && Files.exists(journal) ? readJournalHeader() : null;
    this.journalEdge = header == null ? OptionalInt.empty() : OptionalInt.of(edgeOf(header));
  }

  /**
   * Clears {@code <target>.partial} and {@code <target>.tiles} left by an interrupted run (one
   * that no longer holds the journal's lock) for a run that starts {@code target} over. The
   * files of another job are deleted; those of this very job are kept and refused, so that
   * forgetting {@code --resume} loses no work.
   *
   * @param fingerprint this run's job ({@link JobFingerprint})
   * @return whether anything was deleted
   * @throws InvalidInputException when another run is writing {@code target} right now, or
   *     the files hold finished tiles of this same job
   */
  public static boolean removeInterrupted(Path target, boolean ntk, String fingerprint) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Path journal = target.resolveSibling(target.getFileName() + ".tiles");
    try {
      boolean removed = false;
      if (Files.exists(journal)) {
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
          lockOrRefuse(ch, target, journal);
          String[] lines = new String(Files.readAllBytes(journal), StandardCharsets.ISO_8859_1)
              .split("\n", -1);
          if (lines[0].endsWith(" kernel=" + (ntk ? "ntk" : "nngp") + " job="
              + fingerprint.replace('\n', ' ')) && Files.exists(partial)) {
            throw new InvalidInputException(journal + " holds " + (lines.length - 2)
                + " finished tiles of this same job from an interrupted run: add --resume"
                + " (with a device backend) to continue from them, or delete it and "
                + partial + " to start over");
          }
          Files.delete(journal);
          removed = true;
        }
      }
      return Files.deleteIfExists(partial) || removed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + partial, e);
    }
  }

  /** Locks the journal for this process, or refuses: another run is writing the target. */
  private static FileLock lockOrRefuse(FileChannel ch, Path target, Path journal)
      throws IOException {
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new InvalidInputException("another ntk4j run is writing " + target + " (it holds "
          + journal + "); wait for it to finish, or stop it first");
    }
    return lock;
  }

  /** The file being written until {@link #finish()} renames it into place. */
  public Path partialFile() {
    return partial;
  }

  @Override
  public OptionalInt requiredEdge() {
    return journalEdge;
  }

  @Override
  public void begin(TileGrid g) {
    // A backend that shrank its tiles mid-run begins again with another grid.
    close();
    finished.clear();
    this.grid = g;
    this.npy = NpyHeader.of(dtype, g.n1(), g.n2());
    String expected = describe(g);
    try {
      // The journal is locked before anything is truncated, so a second run to the same file
      // cannot destroy the first one's work.
      log = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lockOrRefuse(log, target, journal);
      if (header != null) {
        if (!header.equals(expected)) {
          throw new InvalidInputException("cannot resume " + target + ": " + journal
              + " describes another job (" + header + " vs " + expected + "); delete "
              + journal + " and " + partial + " to start again");
        }
        if (!Files.exists(partial) || Files.size(partial) != npy.fileLength()) {
          throw new InvalidInputException("cannot resume " + target + ": " + partial
              + " is missing or has the wrong size; delete " + journal + " to start again");
        }
        finished.addAll(readFinished(g.tiles().size()));
        data = FileChannel.open(partial, StandardOpenOption.WRITE);
        log.position(log.size());
      } else {
        data = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        data.write(ByteBuffer.wrap(npy.encode()), 0);
        data.truncate(npy.dataOffset());
        writeZeroAt(npy.fileLength() - 1);
        data.force(true);
        log.truncate(0);
        append(expected + "\n");
      }
      syncer = new TileJournalSyncer(data, log, target.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial, e);
    }
  }

  @Override
  public Set<Integer> finishedTiles() {
    return Set.copyOf(finished);
  }

  @Override
  public void accept(Tile tile, TileValues nngpValues, TileValues ntkValues) {
    TileValues v = ntk ? ntkValues : nngpValues;
    boolean diagonal = tile.onDiagonal(grid.symmetric());
    try {
      for (int i = 0; i < tile.rows(); i++) {
        int j0 = diagonal ? i : 0;
        write(rowBytes(v, i, j0, tile.cols()), tile.r0() + i, tile.c0() + j0);
      }
      if (grid.symmetric()) {
        // The mirror image: tile column j becomes part of row c0 + j.
        ByteBuffer t = transpose(v, tile.rows(), tile.cols());
        int w = dtype.size();
        for (int j = 0; j < tile.cols(); j++) {
          int i1 = diagonal ? j : tile.rows();
          if (i1 > 0) {
            int from = j * tile.rows() * w;
            write(t.duplicate().limit(from + i1 * w).position(from), tile.c0() + j, tile.r0());
          }
        }
      }
      syncer.written(tile.index());
      finished.add(tile.index());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial, e);
    }
  }

  @Override
  public void finish() {
    if (finished.size() != grid.tiles().size()) {
      throw new IllegalStateException("finish with " + finished.size() + " of "
          + grid.tiles().size() + " tiles");
    }
    try {
      syncer.drain();
      data.force(true);
      data.close();
      log.close();
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Files.delete(journal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + partial + " to " + target, e);
    }
  }

  /**
   * Closes and deletes the partial file and the journal: for a run whose result is refused
   * (resuming it could not help).
   */
  public void discard() {
    close();
    try {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(journal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + partial, e);
    }
  }

  /** Closes the files; an unfinished run leaves them for {@code --resume}. */
  @Override
  public void close() {
    if (syncer != null) {
      syncer.close();
    }
    try {
      if (data != null && data.isOpen()) {
        data.close();
      }
      if (log != null && log.isOpen()) {
        log.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + partial, e);
    }
  }

  private String describe(TileGrid g) {
    return MAGIC + " n1=" + g.n1() + " n2=" + g.n2() + " edge=" + g.edge() + " symmetric="
        + g.symmetric() + " dtype=" + dtype.descr() + " kernel=" + (ntk ? "ntk" : "nngp")
        + " job=" + fingerprint;
  }

  private String readJournalHeader() {
    String first = readJournal().split("\n", 2)[0];
    if (!first.startsWith(MAGIC + " ")) {
      throw damaged("it is not an ntk4j tile journal");
    }
    return first;
  }

  /** The journal's text, byte for byte (a damaged one need not be valid UTF-8). */
  private String readJournal() {
    try {
      return new String(Files.readAllBytes(journal), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + journal, e);
    }
  }

  /**
   * Tile indices on complete lines (a line cut short by a kill is ignored), each checked to be
   * a tile of this job's {@code tiles}.
   */
  private Set<Integer> readFinished(int tiles) {
    Set<Integer> out = new HashSet<>();
    String[] lines = readJournal().split("\n", -1);
    for (int k = 1; k < lines.length - 1; k++) {
      String line = lines[k].trim();
      if (line.isEmpty()) {
        continue;
      }
      int index;
      try {
        index = Integer.parseInt(line);
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0 || index >= tiles) {
        throw damaged("line " + (k + 1) + ", '" + abbreviated(line) + "', is not one of its "
            + tiles + " tiles");
      }
      out.add(index);
    }
    return out;
  }

  private int edgeOf(String header) {
    String edge = field(header, "edge");
    try {
      int e = Integer.parseInt(edge);
      if (e > 0) {
        return e;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw damaged("its tile edge '" + abbreviated(edge) + "' is not a positive number");
  }

  private String field(String header, String name) {
    for (String part : header.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw damaged("its header has no " + name);
  }

  private InvalidInputException damaged(String why) {
    return new InvalidInputException("cannot resume " + target + ": " + journal
        + " is damaged (" + why + "); delete it and " + partial + " to start again");
  }

  /** At most 20 characters of {@code s}, anything unprintable as '?'. */
  private static String abbreviated(String s) {
    String shown = s.length() <= 20 ? s : s.substring(0, 20) + "...";
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** Whether the tile's bytes are already the file's (same element type and byte order). */
  private boolean sameLayout(TileValues v) {
    return v.precision().bytes() == dtype.size() && ByteOrder.nativeOrder() == dtype.order();
  }

  /** Tile row i, columns [j0, j1), in the file's layout: the tile's own bytes where they are. */
  private ByteBuffer rowBytes(TileValues v, int i, int j0, int j1) {
    if (sameLayout(v)) {
      return v.rowBytes(i, j0, j1);
    }
    staging = capacity(staging, (j1 - j0) * dtype.size());
    for (int j = j0; j < j1; j++) {
      put(staging, v.get(i, j));
    }
    return staging.flip();
  }

  /** The tile transposed (cols × rows) in the file's layout, in blocks that stay in cache. */
  private ByteBuffer transpose(TileValues v, int rows, int cols) {
    mirror = capacity(mirror, rows * cols * dtype.size());
    int block = 32;
    for (int j0 = 0; j0 < cols; j0 += block) {
      for (int i0 = 0; i0 < rows; i0 += block) {
        for (int j = j0; j < Math.min(cols, j0 + block); j++) {
          mirror.position((j * rows + i0) * dtype.size());
          for (int i = i0; i < Math.min(rows, i0 + block); i++) {
            put(mirror, v.get(i, j));
          }
        }
      }
    }
    return mirror.clear();
  }

  /** {@code b} cleared, or a larger direct buffer in the file's byte order. */
  private ByteBuffer capacity(ByteBuffer b, int bytes) {
    if (b == null || b.capacity() < bytes) {
      b = ByteBuffer.allocateDirect(bytes).order(dtype.order());
    }
    return b.clear();
  }

  private void put(ByteBuffer b, double v) {
    if (dtype.size() == 8) {
      b.putDouble(v);
    } else {
      b.putFloat((float) v);
    }
  }

  private void write(ByteBuffer b, int row, int col) throws IOException {
    long offset = npy.dataOffset() + ((long) row * grid.n2() + col) * dtype.size();
    while (b.hasRemaining()) {
      offset += data.write(b, offset);
    }
  }

  private void writeZeroAt(long position) throws IOException {
    data.write(ByteBuffer.wrap(new byte[1]), position);
  }

  private void append(String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      log.write(b);
    }
    log.force(false);
  }
}
