package org.ntk4j.stax;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed arguments of one layer in a spec, with typed access by parameter name; a missing
 * argument takes its {@link Param}'s default. Errors point at the argument's column (or the
 * layer's, for a missing one).
 */
final class LayerArgs {
  private final LayerType type;
  private final Map<String, Object> values;
  private final Map<String, Integer> columns;
  private final int column;
  private final List<Layer> layers;

  LayerArgs(LayerType type, Map<String, Object> values, Map<String, Integer> columns,
      int column, List<Layer> layers) {
    this.type = type;
    this.values = values;
    this.columns = columns;
    this.column = column;
    this.layers = layers;
  }

  /** The layers given as arguments (serial, parallel). */
  List<Layer> layers() {
    return layers;
  }

  double number(String key) {
    Object v = value(key);
    if (!(v instanceof Double)) {
      throw error(key, "must be a number, got " + SpecFormat.value(v));
    }
    return (Double) v;
  }

  /** A list of numbers, {@code [c0, c1, ...]}. */
  double[] numbers(String key) {
    Object v = value(key);
    if (!(v instanceof double[])) {
      throw error(key, "must be a list of numbers such as [1, 0, 2], got "
          + SpecFormat.value(v));
    }
    return ((double[]) v).clone();
  }

  /** The number, or null when it is left out or {@code none}. */
  Double optionalNumber(String key) {
    Object v = values.get(key);
    if (v == null || "none".equals(v)) {
      return null;
    }
    return number(key);
  }

  int integer(String key) {
    double d = number(key);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw error(key, "must be an integer, got " + SpecFormat.num(d));
    }
    return (int) d;
  }

  /** A quoted argument's text. */
  String text(String key) {
    Object v = value(key);
    if (!(v instanceof QuotedText)) {
      throw error(key, "must be quoted, e.g. \"tanh(x)\", got " + SpecFormat.value(v));
    }
    return ((QuotedText) v).text();
  }

  /** One of the parameter's words, in lower case. */
  String word(String key) {
    Object v = value(key);
    if (!(v instanceof String)) {
      throw error(key, "must be a word, got " + SpecFormat.value(v));
    }
    String w = ((String) v).toLowerCase(Locale.ROOT);
    List<String> choices = param(key).choices();
    if (!choices.contains(w)) {
      throw error(key, "must be " + String.join(" or ", choices) + ", got " + w);
    }
    return w;
  }

  SpecParseException error(String key, String problem) {
    return new SpecParseException(columns.getOrDefault(key, column),
        key + " of " + type.name() + " " + problem);
  }

  /** The given value, else the default; a required parameter left out is an error. */
  private Object value(String key) {
    Object v = values.get(key);
    if (v != null) {
      return v;
    }
    Param p = param(key);
    if (p.fallback() == null) {
      throw new SpecParseException(column, type.name() + " needs " + key + " (it takes "
          + type.describeParams() + ")");
    }
    return p.fallback();
  }

  private Param param(String key) {
    for (Param p : type.params()) {
      if (p.name().equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException(type.name() + " declares no parameter " + key);
  }
}
