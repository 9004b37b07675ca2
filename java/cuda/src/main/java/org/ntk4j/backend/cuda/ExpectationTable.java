package org.ntk4j.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function codes of the CUDA interpreter: a function's position in the table
 * {@code NTK_EXPECTATION_TABLE} of the shared header {@code opencl/ntk_expectations.h}, which
 * the PTX was compiled from. Read from that header (packaged in the jar) rather than kept in a
 * second list here, so a function added to the header needs no code on this side.
 */
final class ExpectationTable {
  static final String HEADER = "/org/ntk4j/opencl/ntk_expectations.h";
  private static final Pattern ENTRY = Pattern.compile("^\\s*X\\((\\w+),", Pattern.MULTILINE);
  private static final Map<String, Integer> CODES = codes(header());

  private ExpectationTable() {}

  /** The code of the header function {@code name}, or -1 when the table has no such entry. */
  static int code(String name) {
    return CODES.getOrDefault(name, -1);
  }

  /** name → position, from the continuation lines of {@code #define NTK_EXPECTATION_TABLE}. */
  static Map<String, Integer> codes(String header) {
    int start = header.indexOf("#define NTK_EXPECTATION_TABLE(X)");
    if (start < 0) {
      throw new IllegalStateException(HEADER + " has no NTK_EXPECTATION_TABLE");
    }
    int end = start;
    while (true) {
      int eol = header.indexOf('\n', end);
      if (eol < 0 || header.charAt(eol - 1) != '\\') {
        end = eol < 0 ? header.length() : eol;
        break;
      }
      end = eol + 1;
    }
    Map<String, Integer> codes = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(header.substring(start, end));
    while (m.find()) {
      codes.put(m.group(1), codes.size());
    }
    return codes;
  }

  private static String header() {
    try (InputStream in = ExpectationTable.class.getResourceAsStream(HEADER)) {
      if (in == null) {
        throw new IllegalStateException(HEADER + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + HEADER + " from the jar", e);
    }
  }
}
