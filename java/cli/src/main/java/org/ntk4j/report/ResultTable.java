package org.ntk4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntk4j.io.Csv;
import org.ntk4j.linalg.Matrix;

/** Rows of numbers under named columns, written as a CSV with a header line. */
public final class ResultTable {
  private final List<String> columns;
  private final List<double[]> rows = new ArrayList<>();

  public ResultTable(String... columns) {
    this.columns = List.of(columns);
  }

  public void add(double... row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException(row.length + " values for columns " + columns);
    }
    rows.add(row.clone());
  }

  public int size() {
    return rows.size();
  }

  /** Column {@code name} of every row. */
  public double[] column(String name) {
    int c = columns.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  public Matrix toMatrix() {
    Matrix m = Matrix.zeros(rows.size(), columns.size());
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, m.data(), i * columns.size(), columns.size());
    }
    return m;
  }

  public void write(Path file) {
    try {
      Csv.write(file, toMatrix(), columns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
