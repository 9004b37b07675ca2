package org.ntk4j.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * Reads and writes numeric CSV: one row per line, values separated by commas (or tabs or
 * semicolons, whichever the first line uses), an optional header line (recognised because it
 * holds no number at all; a first line mixing names and numbers is an error, not a header), blank lines and {@code #} comments skipped, gzip-compressed files read
 * transparently. numpy's {@code nan}/{@code inf} spellings are understood.
 */
public final class Csv {
  private Csv() {}

  /** Reads the values of {@code file}, skipping a header line if there is one. */
  public static Matrix read(Path file) throws IOException {
    return readTable(file).values();
  }

  /** Reads {@code file} with its header (if any). */
  public static CsvTable readTable(Path file) throws IOException {
    String source = file.toString();
    try (InputStream raw = Channels.newInputStream(Npy.open(file));
        BufferedReader in = new BufferedReader(new InputStreamReader(GzipStreams.maybeInflated(raw),
            StandardCharsets.UTF_8))) {
      return parse(in, source);
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(source + ": corrupt or truncated gzip data ("
          + e.getMessage() + ")");
    }
  }

  /** Parses CSV text; {@code source} names it in messages. */
  public static CsvTable parse(BufferedReader in, String source) throws IOException {
    List<String> header = List.of();
    List<double[]> rows = new ArrayList<>();
    String delimiter = null;
    int width = -1;
    int lineNo = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      String trimmed = (lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line)
          .strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (delimiter == null) {
        delimiter = trimmed.contains(",") ? "," : trimmed.contains("\t") ? "\t"
            : trimmed.contains(";") ? ";" : ",";
      }
      String[] fields = trimmed.split(delimiter, -1);
      if (rows.isEmpty() && header.isEmpty() && noNumbers(fields)) {
        header = Arrays.stream(fields).map(f -> unquote(f.strip())).toList();
        width = fields.length;
        continue;
      }
      if (width >= 0 && fields.length != width) {
        throw new InvalidInputException(source + ": line " + lineNo + " has " + fields.length
            + " values, expected " + width + " like the lines before it");
      }
      width = fields.length;
      double[] row = new double[fields.length];
      for (int j = 0; j < fields.length; j++) {
        row[j] = number(fields[j], source, lineNo, j);
      }
      rows.add(row);
    }
    int cols = Math.max(width, 0);
    double[] data = new double[Math.multiplyExact(rows.size(), cols)];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * cols, cols);
    }
    return new CsvTable(header, new Matrix(rows.size(), cols, data));
  }

  /** Writes the matrix as CSV (gzip-compressed when the name ends in .gz), atomically. */
  public static void write(Path file, Matrix m) throws IOException {
    write(file, m, List.of());
  }

  /**
   * Writes the matrix as CSV with a header line (none when {@code header} is empty), atomically.
   * Values are written in Java's shortest round-trip form, so reading gives the same doubles.
   */
  public static void write(Path file, Matrix m, List<String> header) throws IOException {
    AtomicFiles.write(file, writer(file, m, header));
  }

  /** The content of a CSV file (gzip-compressed when {@code file}'s name ends in .gz). */
  public static AtomicFiles.ChannelWriter writer(Path file, Matrix m, List<String> header) {
    if (!header.isEmpty() && header.size() != m.cols()) {
      throw new IllegalArgumentException("header has " + header.size() + " names for "
          + m.cols() + " columns");
    }
    boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    return AtomicFiles.channelWriter(raw -> {
      OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      if (!header.isEmpty()) {
        w.write(String.join(",", header));
        w.write('\n');
      }
      for (int i = 0; i < m.rows(); i++) {
        for (int j = 0; j < m.cols(); j++) {
          if (j > 0) {
            w.write(',');
          }
          w.write(format(m.get(i, j)));
        }
        w.write('\n');
      }
      w.flush();
      if (out instanceof GZIPOutputStream g) {
        g.finish();
      }
    });
  }

  /** A header line has no numbers at all; a line mixing both is data with a typo. */
  private static boolean noNumbers(String[] fields) {
    for (String f : fields) {
      if (parseOrNull(f) != null) {
        return false;
      }
    }
    return true;
  }

  private static double number(String field, String source, int line, int column) {
    Double v = parseOrNull(field);
    if (v == null) {
      String shown = field.strip().isEmpty() ? "an empty value" : "'" + field.strip() + "'";
      throw new InvalidInputException(source + ": line " + line + ", column " + (column + 1)
          + ": " + shown + " is not a number");
    }
    return v;
  }

  /** A double from a field, also in numpy's spellings (nan, inf, -inf); null if not a number. */
  private static Double parseOrNull(String field) {
    String s = unquote(field.strip());
    if (s.isEmpty()) {
      return null;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> { }
    }
    char last = s.charAt(s.length() - 1);
    if (!Character.isDigit(last) && last != '.') {
      return null; // Java would accept "1d" or "2f"; a CSV number never ends in a letter
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.compare(v, -0.0) != 0) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
