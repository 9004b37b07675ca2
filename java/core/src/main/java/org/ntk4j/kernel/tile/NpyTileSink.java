package org.ntk4j.kernel.tile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
 * tile written in place at its offset) and every finished tile's index is appended to
 * {@code <target>.tiles} after its data are forced to disk. A resumed run checks that the
 * journal describes the same job (shape, tile edge, dtype, fingerprint of architecture and
 * inputs), skips the tiles it lists and rewrites any tile it does not; the result is the same
 * bytes an uninterrupted run writes. Only when every tile is in is the file renamed into place
 * and the journal deleted.
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
    this.journalEdge = header == null ? OptionalInt.empty()
        : OptionalInt.of(Integer.parseInt(field(header, "edge")));
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
        finished.addAll(readFinished());
        data = FileChannel.open(partial, StandardOpenOption.WRITE);
        log = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      } else {
        data = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        data.write(ByteBuffer.wrap(npy.encode()), 0);
        data.truncate(npy.dataOffset());
        writeZeroAt(npy.fileLength() - 1);
        data.force(true);
        log = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        append(expected + "\n");
      }
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
        ByteBuffer row = buffer(tile.cols() - j0);
        for (int j = j0; j < tile.cols(); j++) {
          put(row, v.get(i, j));
        }
        write(row, tile.r0() + i, tile.c0() + j0);
      }
      if (grid.symmetric()) {
        // The mirror image: tile column j becomes part of row c0 + j.
        for (int j = 0; j < tile.cols(); j++) {
          int i1 = diagonal ? j : tile.rows();
          if (i1 == 0) {
            continue;
          }
          ByteBuffer row = buffer(i1);
          for (int i = 0; i < i1; i++) {
            put(row, v.get(i, j));
          }
          write(row, tile.c0() + j, tile.r0());
        }
      }
      data.force(false);
      append(tile.index() + "\n");
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

  /** Closes the files; an unfinished run leaves them for {@code --resume}. */
  @Override
  public void close() {
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
    try {
      List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).startsWith(MAGIC + " ")) {
        throw new InvalidInputException("cannot resume " + target + ": " + journal
            + " is not an ntk4j tile journal; delete it to start again");
      }
      return lines.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + journal, e);
    }
  }

  /** Tile indices on complete lines (a line cut short by a kill is ignored). */
  private Set<Integer> readFinished() throws IOException {
    String text = Files.readString(journal, StandardCharsets.UTF_8);
    Set<Integer> out = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int k = 1; k < lines.length - 1; k++) {
      if (!lines[k].isEmpty()) {
        out.add(Integer.parseInt(lines[k].trim()));
      }
    }
    return out;
  }

  private static String field(String header, String name) {
    for (String part : header.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new InvalidInputException("tile journal header lacks " + name + ": " + header);
  }

  private ByteBuffer buffer(int values) {
    return ByteBuffer.allocate(values * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void put(ByteBuffer b, double v) {
    if (dtype.size() == 8) {
      b.putDouble(v);
    } else {
      b.putFloat((float) v);
    }
  }

  private void write(ByteBuffer b, int row, int col) throws IOException {
    b.flip();
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
