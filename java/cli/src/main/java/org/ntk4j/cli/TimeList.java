package org.ntk4j.cli;

import java.util.Locale;
import org.ntk4j.InvalidInputException;

/** Parses comma-separated times such as {@code 0,1,10,1e3,inf} (and step counts). */
final class TimeList {
  private TimeList() {}

  /** Times ≥ 0; {@code inf} (or {@code infinity}) is convergence. */
  static double[] parseTimes(String text, String option) {
    String[] parts = split(text, option);
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      double v;
      if (p.equals("inf") || p.equals("infinity") || p.equals("∞")) {
        v = Double.POSITIVE_INFINITY;
      } else {
        try {
          v = Double.parseDouble(p);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(option + ": '" + parts[i].strip()
              + "' is not a time; give numbers ≥ 0 or inf, separated by commas");
        }
      }
      if (Double.isNaN(v) || v < 0) {
        throw new InvalidInputException(option + ": time " + parts[i].strip()
            + " is refused: times must be ≥ 0 (inf for convergence)");
      }
      out[i] = v;
    }
    return out;
  }

  /** Whole step counts ≥ 0. */
  static long[] parseSteps(String text, String option) {
    String[] parts = split(text, option);
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Long.parseLong(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(option + ": '" + parts[i].strip()
            + "' is not a step count; give whole numbers ≥ 0 separated by commas");
      }
      if (out[i] < 0) {
        throw new InvalidInputException(option + ": step count " + out[i]
            + " is refused: steps must be ≥ 0");
      }
    }
    return out;
  }

  private static String[] split(String text, String option) {
    String[] parts = text.split(",", -1);
    for (String p : parts) {
      if (p.isBlank()) {
        throw new InvalidInputException(option + ": '" + text + "' has an empty entry; "
            + "separate values by single commas, e.g. 0,1,10,inf");
      }
    }
    return parts;
  }
}
