package org.ntk4j.stax;

/**
 * Reads a φ expression: {@code sum := product (('+' | '-') product)*},
 * {@code product := unary (('*' | '/') unary)*}, {@code unary := '-' unary | power},
 * {@code power := atom ('^' unary)?} (so −x^2 = −(x²) and 2^−x works), {@code atom := number
 * | x | pi | e | name '(' sum (',' sum)* ')' | '(' sum ')'}; {@code **} is accepted for ^.
 */
final class ExpressionParser {
  private final String text;
  private int pos;

  ExpressionParser(String text) {
    this.text = text;
  }

  Expression parse() {
    Expression e = sum();
    skipSpace();
    if (pos < text.length()) {
      throw error("expected an operator or the end");
    }
    return e;
  }

  private Expression sum() {
    Expression e = product();
    while (true) {
      skipSpace();
      if (eat('+')) {
        e = Expression.call(Operation.ADD, e, product());
      } else if (eat('-')) {
        e = Expression.call(Operation.SUB, e, product());
      } else {
        return e;
      }
    }
  }

  private Expression product() {
    Expression e = unary();
    while (true) {
      skipSpace();
      if (peek() == '*' && peek(1) != '*') {
        pos++;
        e = Expression.call(Operation.MUL, e, unary());
      } else if (eat('/')) {
        e = Expression.call(Operation.DIV, e, unary());
      } else {
        return e;
      }
    }
  }

  private Expression unary() {
    skipSpace();
    if (eat('-')) {
      return Expression.call(Operation.NEG, unary());
    }
    if (eat('+')) {
      return unary();
    }
    Expression base = atom();
    skipSpace();
    if (peek() == '*' && peek(1) == '*') {
      pos += 2;
      return Expression.call(Operation.POW, base, unary());
    }
    if (eat('^')) {
      return Expression.call(Operation.POW, base, unary());
    }
    return base;
  }

  private Expression atom() {
    skipSpace();
    char c = peek();
    if (eat('(')) {
      Expression e = sum();
      expect(')');
      return e;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isLetter(c)) {
      int start = pos;
      while (pos < text.length() && Character.isLetterOrDigit(peek())) {
        pos++;
      }
      String name = text.substring(start, pos);
      switch (name) {
        case "x": return new Expression.Variable();
        case "pi": return Expression.constant(Math.PI);
        case "e": return Expression.constant(Math.E);
        default: return function(name, start);
      }
    }
    throw error("expected a number, x, a function or '('");
  }

  private Expression function(String name, int start) {
    Operation op = Operation.function(name);
    if (op == null) {
      pos = start;
      throw error("unknown name '" + name + "'; use x, pi, e or one of " + functions());
    }
    skipSpace();
    expect('(');
    Expression[] args = new Expression[op.arity()];
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        skipSpace();
        expect(',');
      }
      args[i] = sum();
    }
    skipSpace();
    if (peek() == ',') {
      throw error(name + " takes " + op.arity() + " argument" + (op.arity() == 1 ? "" : "s"));
    }
    expect(')');
    return Expression.call(op, args);
  }

  private Expression number() {
    int start = pos;
    while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
      pos++;
    }
    if (peek() == 'e' || peek() == 'E') {
      int mark = pos;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!Character.isDigit(peek())) {
        pos = mark;
      }
      while (pos < text.length() && Character.isDigit(peek())) {
        pos++;
      }
    }
    try {
      return Expression.constant(Double.parseDouble(text.substring(start, pos)));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("malformed number");
    }
  }

  private static String functions() {
    StringBuilder s = new StringBuilder();
    for (Operation op : Operation.values()) {
      if (!op.isOperator()) {
        s.append(s.length() == 0 ? "" : ", ").append(op.symbol());
      }
    }
    return s.toString();
  }

  private void expect(char c) {
    skipSpace();
    if (!eat(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private boolean eat(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private char peek() {
    return peek(0);
  }

  private char peek(int ahead) {
    return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ArchitectureException error(String problem) {
    String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
    return new ArchitectureException("elementwise: in \"" + text + "\" at character "
        + (pos + 1) + ": " + problem + ", found " + found);
  }
}
