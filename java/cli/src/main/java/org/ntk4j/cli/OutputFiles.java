package org.ntk4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ntk4j.InvalidInputException;
import org.ntk4j.io.AtomicFiles;

/** Checks a command's output files before any work, so a long run cannot fail at its end. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Each given output's directory must exist, no two options may name the same file, and no
   * output may be one of the input files (it would be replaced by the result).
   *
   * @param options the option names, e.g. {@code --out-nngp}, in the order of {@code paths}
   * @param paths the options' values, {@code null} where not given
   * @param inputOptions the input options, e.g. {@code --x1}, in the order of {@code inputs}
   * @param inputs their values as given (file names or data set names), {@code null} where
   *     not given
   */
  static void check(String[] options, Path[] paths, String[] inputOptions, String[] inputs) {
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
      for (int k = 0; k < inputs.length; k++) {
        if (inputs[k] != null && sameFile(p, inputs[k])) {
          throw new InvalidInputException(options[i] + " " + p + " is the input "
              + inputOptions[k] + ": the result would replace it; write it to another file");
        }
      }
    }
  }

  /** Whether the output {@code p} is the existing file named by {@code input}. */
  private static boolean sameFile(Path p, String input) {
    try {
      Path in = Path.of(input);
      return Files.isRegularFile(p) && Files.isRegularFile(in) && Files.isSameFile(p, in);
    } catch (InvalidPathException | IOException e) {
      return false;
    }
  }

  /**
   * Creates the directory {@code option} names, and its parents, where missing; returns it.
   *
   * @throws InvalidInputException when it, or a parent, exists as a file
   */
  static Path createDirectory(String option, Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new InvalidInputException(option + " " + dir + ": " + p + " is a file, not a"
            + " directory; name a directory (it is created if missing)");
      }
    }
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory " + dir, e);
    }
  }
}
