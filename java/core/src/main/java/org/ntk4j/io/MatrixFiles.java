package org.ntk4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ntk4j.linalg.Matrix;

/**
 * Reads and writes a matrix in the format its file name says: {@code .npy} for numpy arrays,
 * anything else ({@code .csv}, {@code .csv.gz}, {@code .tsv}, {@code .txt}) as numeric CSV.
 */
public final class MatrixFiles {
  private MatrixFiles() {}

  /** Whether the name says numpy format. */
  public static boolean isNpy(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
  }

  /** Reads a 1-D (as a column) or 2-D matrix from {@code .npy} or CSV. */
  public static Matrix read(Path file) throws IOException {
    return isNpy(file) ? Npy.readMatrix(file) : Csv.read(file);
  }

  /**
   * Writes a matrix atomically: {@code .npy} in {@code dtype}, CSV otherwise (CSV holds every
   * double exactly; {@code dtype} float32 rounds the values first so both formats agree).
   */
  public static void write(Path file, Matrix m, NpyDtype dtype) throws IOException {
    try (AtomicFiles.Pending p = prepare(file, m, dtype)) {
      p.commit();
    }
  }

  /** Writes the file's temporary copy, to be committed with others (see AtomicFiles). */
  public static AtomicFiles.Pending prepare(Path file, Matrix m, NpyDtype dtype)
      throws IOException {
    if (isNpy(file)) {
      return AtomicFiles.prepare(file, Npy.writer(m, dtype));
    }
    Matrix values = m.hasArray() ? m : m.toHeap();
    if (dtype.size() == 4) {
      double[] rounded = values.data().clone();
      for (int i = 0; i < rounded.length; i++) {
        rounded[i] = (float) rounded[i];
      }
      values = new Matrix(m.rows(), m.cols(), rounded);
    }
    return AtomicFiles.prepare(file, Csv.writer(file, values, List.of()));
  }
}
