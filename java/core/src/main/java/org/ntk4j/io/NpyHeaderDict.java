package org.ntk4j.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python dict literal of a {@code .npy} header: string keys {@code descr},
 * {@code fortran_order} and {@code shape}; a string, {@code True}/{@code False} and a tuple of
 * integers as values. Anything else (structured or object dtypes) is refused by name.
 */
record NpyHeaderDict(String descr, boolean fortranOrder, long[] shape) {

  /** @throws IllegalArgumentException describing the first problem */
  static NpyHeaderDict parse(String text) {
    return new Parser(text).dict();
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    NpyHeaderDict dict() {
      expect('{');
      String descr = null;
      Boolean fortran = null;
      long[] shape = null;
      while (peek() != '}') {
        String key = string();
        expect(':');
        switch (key) {
          case "descr" -> {
            if (peek() == '[') {
              throw new IllegalArgumentException(
                  "structured dtypes are not supported; save a plain float array");
            }
            descr = string();
          }
          case "fortran_order" -> fortran = bool();
          case "shape" -> shape = tuple();
          default -> throw new IllegalArgumentException(
              "corrupt .npy header (unexpected key '" + key + "')");
        }
        if (peek() == ',') {
          pos++;
        } else if (peek() != '}') {
          throw error("',' or '}'");
        }
      }
      pos++;
      if (descr == null || fortran == null || shape == null) {
        throw new IllegalArgumentException("corrupt .npy header (it needs descr, fortran_order"
            + " and shape): " + s.strip());
      }
      if (descr.length() >= 2 && descr.charAt(1) == 'O') {
        throw new IllegalArgumentException("object arrays (pickles) are not supported");
      }
      return new NpyHeaderDict(descr, fortran, shape);
    }

    private String string() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("a quoted string");
      }
      int end = s.indexOf(quote, pos + 1);
      if (end < 0) {
        throw error("a closing quote");
      }
      String v = s.substring(pos + 1, end);
      pos = end + 1;
      return v;
    }

    private boolean bool() {
      skipSpace();
      if (s.startsWith("True", pos)) {
        pos += 4;
        return true;
      }
      if (s.startsWith("False", pos)) {
        pos += 5;
        return false;
      }
      throw error("True or False");
    }

    private long[] tuple() {
      expect('(');
      List<Long> dims = new ArrayList<>();
      while (peek() != ')') {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw error("a non-negative integer dimension");
        }
        try {
          dims.add(Long.parseLong(s.substring(start, pos)));
        } catch (NumberFormatException e) {
          throw error("a dimension that fits in 64 bits");
        }
        if (pos < s.length() && s.charAt(pos) == 'L') {
          pos++; // Python 2 long suffix
        }
        if (peek() == ',') {
          pos++;
        } else if (peek() != ')') {
          throw error("',' or ')'");
        }
      }
      pos++;
      return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("'" + c + "'");
      }
      pos++;
    }

    private char peek() {
      skipSpace();
      if (pos >= s.length()) {
        throw new IllegalArgumentException("corrupt .npy header (it ends early): " + s.strip());
      }
      return s.charAt(pos);
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String expected) {
      return new IllegalArgumentException("corrupt .npy header (expected " + expected
          + " at character " + pos + "): " + s.strip());
    }
  }
}
