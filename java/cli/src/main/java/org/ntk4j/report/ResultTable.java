package org.ntk4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ntk4j.io.Csv;
import org.ntk4j.linalg.Matrix;

/**
 * The one results table of every command: rows of numbers under named columns, optionally each
 * with a label (e.g. {@code t=10}), printed as fixed-width text and written as CSV with a header
 * line. Columns marked {@link #percent} print as percentages; NaN (unknown) prints blank.
 */
public final class ResultTable {
  private final String labelHeader;
  private final List<String> columns;
  private final Set<String> percent = new HashSet<>();
  private final List<String> labels = new ArrayList<>();
  private final List<double[]> rows = new ArrayList<>();

  /** A table of numeric columns. */
  public ResultTable(String... columns) {
    this(null, List.of(columns));
  }

  private ResultTable(String labelHeader, List<String> columns) {
    this.labelHeader = labelHeader;
    this.columns = List.copyOf(columns);
  }

  /** A table whose rows carry a label, shown first under {@code labelHeader}. */
  public static ResultTable labeled(String labelHeader, List<String> columns) {
    return new ResultTable(labelHeader, columns);
  }

  /** Prints {@code names} (fractions) as percentages. */
  public ResultTable percent(String... names) {
    for (String n : names) {
      index(n);
      percent.add(n);
    }
    return this;
  }

  public void add(double... row) {
    add(null, row);
  }

  /** A row with a label (required for labeled tables, null otherwise). */
  public void add(String label, double... row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException(row.length + " values for columns " + columns);
    }
    if ((label == null) != (labelHeader == null)) {
      throw new IllegalArgumentException(labelHeader == null ? "this table has no labels"
          : "every row of this table needs a label");
    }
    labels.add(label);
    rows.add(row.clone());
  }

  public int size() {
    return rows.size();
  }

  public boolean hasColumn(String name) {
    return columns.contains(name);
  }

  /** Column {@code name} of every row. */
  public double[] column(String name) {
    int c = index(name);
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  private int index(String name) {
    int c = columns.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return c;
  }

  /** The numbers (labels left out), one row per row. */
  public Matrix toMatrix() {
    Matrix m = Matrix.zeros(rows.size(), columns.size());
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, m.data(), i * columns.size(), columns.size());
    }
    return m;
  }

  /** Writes the numbers as CSV under the column names (atomically, as every output). */
  public void write(Path file) {
    try {
      Csv.write(file, toMatrix(), columns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Fixed-width text: a header line, then one line per row. */
  public String format() {
    StringBuilder s = new StringBuilder();
    if (labelHeader != null) {
      s.append(String.format(Locale.ROOT, "%-14s", labelHeader));
    }
    for (String c : columns) {
      s.append(String.format(Locale.ROOT, percent.contains(c) ? " %10s" : " %12s", c));
    }
    s.append('\n');
    for (int i = 0; i < rows.size(); i++) {
      if (labelHeader != null) {
        s.append(String.format(Locale.ROOT, "%-14s", labels.get(i)));
      }
      for (int c = 0; c < columns.size(); c++) {
        double v = rows.get(i)[c];
        boolean pct = percent.contains(columns.get(c));
        s.append(Double.isNaN(v) ? " ".repeat(pct ? 11 : 13)
            : String.format(Locale.ROOT, pct ? " %9.2f%%" : " %12.6g", pct ? 100 * v : v));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
