package org.ntk4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ntk4j.InvalidInputException;
import org.ntk4j.io.AtomicFiles;

/** Checks a command's output files before any work, so a long run cannot fail at its end. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Each given output's directory must exist, and no two options may name the same file.
   *
   * @param options the option names, e.g. {@code --out-nngp}, in the order of {@code paths}
   * @param paths the options' values, {@code null} where not given
   */
  static void check(String[] options, Path... paths) {
    Map<Path, String> seen = new HashMap<>();
    for (int i = 0; i < paths.length; i++) {
      Path p = paths[i];
      if (p == null) {
        continue;
      }
      AtomicFiles.directoryOf(p);
      String earlier = seen.putIfAbsent(p.toAbsolutePath().normalize(), options[i]);
      if (earlier != null) {
        throw new InvalidInputException(earlier + " and " + options[i] + " name the same file "
            + p + "; give each output its own file");
      }
    }
  }

  /** Creates an output directory and its parents where missing; returns it. */
  static Path createDirectory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory " + dir, e);
    }
  }
}
