package org.ntk4j.io;

import java.util.List;
import org.ntk4j.linalg.Matrix;

/**
 * A numeric CSV file: its column names (empty when the file has no header line) and values.
 *
 * @param header column names from the first line, or an empty list
 * @param values the numbers, one matrix row per data line
 */
public record CsvTable(List<String> header, Matrix values) {
  public CsvTable {
    header = List.copyOf(header);
  }
}
