package org.ntk4j.cli;

import java.io.PrintWriter;

/**
 * Information for the user on stderr that is not an error: {@code ntk4j: note: <message>}, a
 * prefix distinct from the errors' {@code ntk4j: error:}, so scripts can tell them apart.
 */
final class Notice {
  static final String PREFIX = "ntk4j: note: ";

  private Notice() {}

  static void print(PrintWriter err, String message) {
    err.println(PREFIX + message);
    err.flush();
  }
}
