package org.ntk4j.stax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the text form of an architecture. Top-level commas mean serial; arguments are positional
 * or named, e.g. {@code dense(512, w_std=1.5, b_std=0.05), relu(), fanout(2),
 * parallel(serial(dense(512, w_std=1.5), relu()), identity()), faninsum(), dense(1)}.
 * Errors name the column and what was expected.
 */
public final class SpecParser {
  /**
   * The deepest nesting of layers accepted (serial(serial(...)) and the like). Far beyond any
   * real network; it keeps the recursive parser and the layer tree's recursions off the end of
   * the stack.
   */
  static final int MAX_NESTING = 200;

  private final String text;
  private int pos;
  private int nesting;

  private SpecParser(String text) {
    this.text = text;
  }

  /** Parses a spec to its layer tree (a serial when there are several top-level layers). */
  public static Layer parse(String spec) {
    SpecParser p = new SpecParser(spec);
    p.skipSpace();
    if (p.pos == spec.length()) {
      throw new SpecParseException(1, "the spec is empty; expected a layer such as dense(512)");
    }
    List<Layer> layers = new ArrayList<>();
    layers.add(p.layer());
    p.skipSpace();
    while (p.pos < spec.length()) {
      p.expect(',', "',' between layers or the end of the spec");
      layers.add(p.layer());
      p.skipSpace();
    }
    return layers.size() == 1 ? layers.get(0) : new Serial(layers);
  }

  /**
   * One argument as written: a number, a word, or a nested layer. {@code column} is where the
   * argument starts (its name, if named; errors about the name point there), {@code
   * valueColumn} where its value starts (errors about the value point there).
   */
  private record Arg(String name, Object value, int column, int valueColumn) {}

  private Layer layer() {
    skipSpace();
    int column = pos + 1;
    if (++nesting > MAX_NESTING) {
      throw new SpecParseException(column, "layers are nested more than " + MAX_NESTING
          + " deep; write a long network as a flat list (dense(...), relu(), dense(...), ...)");
    }
    Layer layer = layerAt(column);
    nesting--;
    return layer;
  }

  private Layer layerAt(int column) {
    String name = word("a layer name such as dense or relu");
    skipSpace();
    expect('(', "'(' after " + name);
    List<Arg> args = new ArrayList<>();
    skipSpace();
    if (peek() != ')') {
      args.add(arg());
      skipSpace();
      while (peek() == ',') {
        pos++;
        args.add(arg());
        skipSpace();
      }
    }
    expect(')', "',' or ')' in the arguments of " + name);
    LayerType type = find(name.toLowerCase(Locale.ROOT), column);
    try {
      return build(type, args, column);
    } catch (SpecParseException e) {
      throw e;
    } catch (ArchitectureException e) {
      throw new SpecParseException(column, e.getMessage());
    }
  }

  private Arg arg() {
    skipSpace();
    int column = pos + 1;
    if (Character.isLetter(peek()) || peek() == '_') {
      int start = pos;
      String w = word("an argument");
      skipSpace();
      if (peek() == '=') {
        pos++;
        skipSpace();
        int valueColumn = pos + 1;
        return new Arg(w.toLowerCase(Locale.ROOT), value(), column, valueColumn);
      }
      pos = start;
      return new Arg(null, value(), column, column);
    }
    return new Arg(null, value(), column, column);
  }

  private Object value() {
    skipSpace();
    char c = peek();
    if (c == '[') {
      return list();
    }
    if (c == '"' || c == '\'') {
      return quoted(c);
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      String w = word("a value");
      skipSpace();
      if (peek() == '(') {
        if (!isLayer(w)) {
          throw new SpecParseException(start + 1, unknownLayer(w.toLowerCase(Locale.ROOT))
              + "; an expression argument needs quotes, e.g. elementwise(\"tanh(x)\")");
        }
        pos = start;
        return layer();
      }
      return w;
    }
    return number("a number, a word or a layer");
  }

  /** Text between two {@code quote} characters (no escapes). */
  private QuotedText quoted(char quote) {
    int start = pos++;
    int end = text.indexOf(quote, pos);
    if (end < 0) {
      throw new SpecParseException(start + 1, "the quote " + quote + " is never closed");
    }
    pos = end + 1;
    return new QuotedText(text.substring(start + 1, end));
  }

  private static boolean isLayer(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Stax.layerTypes().stream().anyMatch(t -> t.name().equals(lower));
  }

  /** {@code [n, n, ...]}: a list of numbers (possibly empty). */
  private double[] list() {
    expect('[', "'['");
    List<Double> values = new ArrayList<>();
    skipSpace();
    if (peek() != ']') {
      values.add(number("a number"));
      skipSpace();
      while (peek() == ',') {
        pos++;
        values.add(number("a number"));
        skipSpace();
      }
    }
    expect(']', "',' or ']' in a list of numbers");
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A number, or an error saying {@code expected} was expected. */
  private double number(String expected) {
    skipSpace();
    int start = pos;
    if (peek() == '+' || peek() == '-') {
      pos++;
    }
    while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.' || peek() == 'e'
        || peek() == 'E' || ((peek() == '-' || peek() == '+')
        && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
      pos++;
    }
    try {
      return Double.parseDouble(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw new SpecParseException(start + 1, "expected " + expected + " but found "
          + found(start));
    }
  }

  private String word(String expected) {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      pos++;
    }
    if (start == pos || !(Character.isLetter(text.charAt(start)) || text.charAt(start) == '_')) {
      pos = start;
      throw new SpecParseException(start + 1, "expected " + expected + " but found "
          + found(start));
    }
    return text.substring(start, pos);
  }

  private void expect(char c, String what) {
    skipSpace();
    if (peek() != c) {
      throw new SpecParseException(pos + 1, "expected " + what + " but found " + found(pos));
    }
    pos++;
  }

  private String found(int at) {
    return at >= text.length() ? "the end of the spec" : "'" + text.charAt(at) + "'";
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** The layer type called {@code name} in the registry, or an error listing the known ones. */
  private static LayerType find(String name, int column) {
    for (LayerType t : Stax.layerTypes()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new SpecParseException(column, unknownLayer(name));
  }

  private static String unknownLayer(String name) {
    StringBuilder known = new StringBuilder();
    for (LayerType t : Stax.layerTypes()) {
      known.append(known.length() == 0 ? "" : ", ").append(t.name());
    }
    return "unknown layer '" + name + "'; known layers: " + known;
  }

  /** Matches the arguments to the type's parameters (positional, then named) and builds it. */
  private static Layer build(LayerType type, List<Arg> args, int column) {
    String name = type.name();
    if (type.takesLayers()) {
      List<Layer> layers = new ArrayList<>();
      for (Arg arg : args) {
        if (arg.name() != null || !(arg.value() instanceof Layer)) {
          throw new SpecParseException(arg.column(), name + " takes layers as arguments");
        }
        layers.add((Layer) arg.value());
      }
      if (layers.isEmpty()) {
        throw new SpecParseException(column, name + " needs at least one layer");
      }
      return type.build(new LayerArgs(type, Map.of(), Map.of(), column, layers));
    }
    List<String> params = new ArrayList<>();
    for (Param p : type.params()) {
      params.add(p.name());
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Integer> columns = new LinkedHashMap<>();
    int positional = 0;
    boolean sawNamed = false;
    for (Arg arg : args) {
      String key;
      if (arg.name() == null) {
        if (sawNamed) {
          throw new SpecParseException(arg.column(),
              "positional argument after a named one in " + name);
        }
        if (positional >= params.size()) {
          throw new SpecParseException(arg.column(), "too many arguments: " + name
              + " takes " + type.describeParams());
        }
        key = params.get(positional++);
      } else {
        sawNamed = true;
        key = arg.name();
        if (!params.contains(key)) {
          throw new SpecParseException(arg.column(), name + " has no argument '" + key + "'; "
              + "it takes " + type.describeParams());
        }
      }
      if (values.containsKey(key)) {
        throw new SpecParseException(arg.column(), key + " of " + name + " is given twice");
      }
      if (arg.value() instanceof Layer) {
        throw new SpecParseException(arg.valueColumn(), key + " of " + name
            + " must be a value, not a layer");
      }
      values.put(key, arg.value());
      columns.put(key, arg.valueColumn());
    }
    return type.build(new LayerArgs(type, values, columns, column, List.of()));
  }
}
