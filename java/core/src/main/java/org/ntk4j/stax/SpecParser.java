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
  private final String text;
  private int pos;

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
    LayerSpec spec = LayerSpec.find(name.toLowerCase(Locale.ROOT), column);
    try {
      return spec.build(args, column);
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
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      String w = word("a value");
      skipSpace();
      if (peek() == '(') {
        pos = start;
        return layer();
      }
      return w;
    }
    int start = pos;
    if (c == '+' || c == '-') {
      pos++;
    }
    while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.' || peek() == 'e'
        || peek() == 'E' || ((peek() == '-' || peek() == '+')
        && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
      pos++;
    }
    String number = text.substring(start, pos);
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new SpecParseException(start + 1, "expected a number, a word or a layer but found "
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

  /** The parameters of one layer kind and how to build it from parsed arguments. */
  private enum LayerSpec {
    DENSE("dense", "out_dim", "w_std", "b_std", "parameterization") {
      @Override
      Layer make(Args a) {
        String p = a.word("parameterization", "ntk");
        Dense.Parameterization par;
        switch (p) {
          case "ntk": par = Dense.Parameterization.NTK; break;
          case "standard": par = Dense.Parameterization.STANDARD; break;
          default: throw a.error("parameterization", "must be ntk or standard, got " + p);
        }
        return new Dense(a.integer("out_dim", null), a.number("w_std", 1.0),
            a.optionalNumber("b_std"), par);
      }
    },
    RELU("relu") {
      @Override
      Layer make(Args a) {
        return ABRelu.relu();
      }
    },
    LEAKYRELU("leakyrelu", "alpha") {
      @Override
      Layer make(Args a) {
        return ABRelu.leakyRelu(a.number("alpha", null));
      }
    },
    ABRELU("abrelu", "a", "b") {
      @Override
      Layer make(Args a) {
        return ABRelu.abRelu(a.number("a", null), a.number("b", null));
      }
    },
    ABS("abs") {
      @Override
      Layer make(Args a) {
        return ABRelu.abs();
      }
    },
    ERF("erf", "a", "b", "c") {
      @Override
      Layer make(Args a) {
        return Erf.erf(a.number("a", 1.0), a.number("b", 1.0), a.number("c", 0.0));
      }
    },
    SIGMOIDLIKE("sigmoidlike") {
      @Override
      Layer make(Args a) {
        return Erf.sigmoidLike();
      }
    },
    GELU("gelu") {
      @Override
      Layer make(Args a) {
        return new Gelu();
      }
    },
    SIN("sin", "a", "b", "c") {
      @Override
      Layer make(Args a) {
        return Sin.sin(a.number("a", 1.0), a.number("b", 1.0), a.number("c", 0.0));
      }
    },
    COS("cos", "a", "b", "c") {
      @Override
      Layer make(Args a) {
        return Sin.cos(a.number("a", 1.0), a.number("b", 1.0), a.number("c", 0.0));
      }
    },
    RBF("rbf", "gamma") {
      @Override
      Layer make(Args a) {
        return new Rbf(a.number("gamma", 1.0));
      }
    },
    SIGN("sign") {
      @Override
      Layer make(Args a) {
        return new Sign();
      }
    },
    MONOMIAL("monomial", "degree") {
      @Override
      Layer make(Args a) {
        return new Monomial(a.integer("degree", null));
      }
    },
    RECTIFIEDMONOMIAL("rectifiedmonomial", "degree") {
      @Override
      Layer make(Args a) {
        return new RectifiedMonomial(a.integer("degree", null));
      }
    },
    IDENTITY("identity") {
      @Override
      Layer make(Args a) {
        return new Identity();
      }
    },
    SERIAL("serial") {
      @Override
      Layer make(Args a) {
        return new Serial(a.layers());
      }
    },
    PARALLEL("parallel") {
      @Override
      Layer make(Args a) {
        return new Parallel(a.layers());
      }
    },
    FANOUT("fanout", "num") {
      @Override
      Layer make(Args a) {
        return new FanOut(a.integer("num", null));
      }
    },
    FANINSUM("faninsum") {
      @Override
      Layer make(Args a) {
        return new FanInSum();
      }
    },
    FANINPROD("faninprod") {
      @Override
      Layer make(Args a) {
        return new FanInProd();
      }
    },
    FANINCONCAT("faninconcat") {
      @Override
      Layer make(Args a) {
        return new FanInConcat();
      }
    };

    final String name;
    final List<String> params;

    LayerSpec(String name, String... params) {
      this.name = name;
      this.params = List.of(params);
    }

    abstract Layer make(Args a);

    boolean takesLayers() {
      return this == SERIAL || this == PARALLEL;
    }

    static LayerSpec find(String name, int column) {
      for (LayerSpec s : values()) {
        if (s.name.equals(name)) {
          return s;
        }
      }
      StringBuilder known = new StringBuilder();
      for (LayerSpec s : values()) {
        known.append(known.length() == 0 ? "" : ", ").append(s.name);
      }
      throw new SpecParseException(column, "unknown layer '" + name + "'; known layers: " + known);
    }

    Layer build(List<Arg> args, int column) {
      if (takesLayers()) {
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
        return make(new Args(this, Map.of(), Map.of(), column, layers));
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
                + " takes " + describeParams());
          }
          key = params.get(positional++);
        } else {
          sawNamed = true;
          key = arg.name();
          if (!params.contains(key)) {
            throw new SpecParseException(arg.column(), name + " has no argument '" + key + "'; "
                + "it takes " + describeParams());
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
      return make(new Args(this, values, columns, column, List.of()));
    }

    String describeParams() {
      return params.isEmpty() ? "no arguments" : String.join(", ", params);
    }
  }

  /** Typed access to one layer's parsed arguments, with errors at the argument's column. */
  private record Args(LayerSpec spec, Map<String, Object> values, Map<String, Integer> columns,
      int column, List<Layer> layers) {

    double number(String key, Double fallback) {
      Object v = values.get(key);
      if (v == null) {
        if (fallback == null) {
          throw new SpecParseException(column, spec.name + " needs " + key + " (it takes "
              + spec.describeParams() + ")");
        }
        return fallback;
      }
      if (!(v instanceof Double)) {
        throw error(key, "must be a number, got " + v);
      }
      return (Double) v;
    }

    Double optionalNumber(String key) {
      Object v = values.get(key);
      if (v == null || "none".equals(v)) {
        return null;
      }
      return number(key, null);
    }

    int integer(String key, Integer fallback) {
      Object v = values.get(key);
      if (v == null && fallback != null) {
        return fallback;
      }
      double d = number(key, null);
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw error(key, "must be an integer, got " + SpecFormat.num(d));
      }
      return (int) d;
    }

    String word(String key, String fallback) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof String)) {
        throw error(key, "must be a word, got " + SpecFormat.num((Double) v));
      }
      return ((String) v).toLowerCase(Locale.ROOT);
    }

    SpecParseException error(String key, String problem) {
      return new SpecParseException(columns.getOrDefault(key, column),
          key + " of " + spec.name + " " + problem);
    }
  }
}
