package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.ntk4j.InvalidInputException;
import org.ntk4j.data.Datasets;
import org.ntk4j.io.MatrixFiles;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.InputChecks;
import org.ntk4j.linalg.Matrix;

/**
 * Loads the matrix an input argument names: a shipped data set ({@code digits}, see
 * {@link Datasets}) or a file ({@code .npy}, else CSV, {@code .gz} allowed), and checks it is
 * non-empty and finite. A file that happens to be called like a data set needs a path ({@code
 * ./digits}).
 */
public final class InputMatrices {
  private InputMatrices() {}

  /**
   * @param argument the command-line value
   * @param role what it is, e.g. {@code X1}, for messages
   * @return the checked matrix
   */
  public static Matrix load(String argument, String role) throws IOException {
    Matrix m = loadUnchecked(argument, role);
    InputChecks.requireValid(m, label(argument, role));
    return m;
  }

  /**
   * As {@link #load}, but a {@code .npy} file is memory-mapped rather than read onto the heap
   * (for kernels, which may be larger than the heap); the finite check is left to the user of
   * the values.
   */
  public static Matrix loadMappable(String argument, String role) throws IOException {
    if (Datasets.load(argument).isEmpty()) {
      try {
        Path p = Path.of(argument);
        if (MatrixFiles.isNpy(p)) {
          Matrix m = Npy.map(p, false);
          if (m.rows() == 0 || m.cols() == 0) {
            m.close();
            throw new InvalidInputException(label(argument, role) + " has shape " + m.shape()
                + ": it needs at least one row and one column");
          }
          return m;
        }
      } catch (InvalidPathException e) {
        throw new InvalidInputException(role + ": '" + argument + "' is not a valid file name");
      }
    }
    return load(argument, role);
  }

  /** The matrix without the non-empty/finite checks (e.g. for labels). */
  public static Matrix loadUnchecked(String argument, String role) throws IOException {
    Optional<Matrix> shipped = Datasets.load(argument);
    if (shipped.isPresent()) {
      return shipped.get();
    }
    try {
      return MatrixFiles.read(Path.of(argument));
    } catch (InvalidPathException e) {
      throw new InvalidInputException(role + ": '" + argument + "' is not a valid file name");
    }
  }

  /** How messages name an input: {@code X1 (a.npy)}. */
  public static String label(String argument, String role) {
    return role + " (" + argument + ")";
  }

  /** Both inputs need the same number of features. */
  public static void requireSameWidth(Matrix a, String aLabel, Matrix b, String bLabel) {
    if (a.cols() != b.cols()) {
      throw new InvalidInputException(aLabel + " has " + a.cols() + " columns and " + bLabel
          + " has " + b.cols() + ": both need the same number of features (shapes " + a.shape()
          + " and " + b.shape() + ")");
    }
  }
}
