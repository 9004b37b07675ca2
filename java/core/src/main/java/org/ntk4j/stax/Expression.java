package org.ntk4j.stax;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's φ as an expression in x, e.g. {@code tanh(x)} or {@code x * erf(x) + 0.5}: numbers,
 * x, pi, e, + − * / ^, and the functions of {@link Operation}. A power with a small integer
 * exponent is a {@link Power}, the same product of factors everywhere (PoCL's pow disagreed
 * with the oracle's for such powers). It evaluates φ(x), derives φ′ symbolically
 * ({@link #derivative}) and folds into device code (OpenCL C, the CUDA interpreter's codes)
 * through a {@link Visitor}. Built only through {@link #parse} and the simplifying
 * {@link #call}, so equal text gives equal trees.
 */
public sealed interface Expression {

  /** φ(x). */
  double eval(double x);

  /** d/dx, by the chain rule, simplified. */
  Expression derivative();

  /** The expression's value built bottom-up: leaves first, then each call on its arguments. */
  <R> R fold(Visitor<R> visitor);

  /** Canonical text, which parses back to an equal expression. */
  String text();

  /** How tightly the text binds (higher binds tighter), for parentheses. */
  int precedence();

  /** What a device code generator makes of each node. */
  interface Visitor<R> {
    R variable();

    R constant(double value);

    R call(Operation op, List<R> args);

    R power(R base, int exponent);
  }

  /** Parses {@code text}. @throws ArchitectureException naming the position and the problem */
  static Expression parse(String text) {
    return new ExpressionParser(text).parse();
  }

  static Expression constant(double value) {
    return new Constant(value);
  }

  /** op(args), simplified: constants folded, 0 and 1 dropped where they do nothing. */
  static Expression call(Operation op, Expression... args) {
    boolean constant = true;
    for (Expression a : args) {
      constant &= a instanceof Constant;
    }
    if (constant) {
      return new Constant(op.apply(value(args[0]), args.length > 1 ? value(args[1]) : 0));
    }
    Expression a = args[0];
    Expression b = args.length > 1 ? args[1] : null;
    switch (op) {
      case ADD:
        if (b instanceof Call c && c.op == Operation.NEG) {
          return call(Operation.SUB, a, c.args.get(0));
        }
        return is(a, 0) ? b : is(b, 0) ? a : new Call(op, List.of(args));
      case SUB:
        return is(b, 0) ? a : is(a, 0) ? call(Operation.NEG, b) : new Call(op, List.of(args));
      case MUL:
        if (is(a, 0) || is(b, 0)) {
          return new Constant(0);
        }
        return is(a, 1) ? b : is(b, 1) ? a : is(a, -1) ? call(Operation.NEG, b)
            : new Call(op, List.of(args));
      case DIV:
        return is(b, 1) ? a : is(a, 0) ? new Constant(0) : new Call(op, List.of(args));
      case POW:
        if (b instanceof Constant c && c.value == Math.rint(c.value)
            && Math.abs(c.value) <= Power.MAX_EXPONENT) {
          int n = (int) c.value;
          return n == 1 ? a : n == 0 ? new Constant(1) : new Power(a, n);
        }
        return new Call(op, List.of(args));
      case NEG:
        return a instanceof Call c && c.op == Operation.NEG ? c.args.get(0)
            : new Call(op, List.of(args));
      default:
        return new Call(op, List.of(args));
    }
  }

  private static boolean is(Expression e, double v) {
    return e instanceof Constant c && c.value == v;
  }

  private static double value(Expression e) {
    return ((Constant) e).value;
  }

  /** The variable x. */
  record Variable() implements Expression {
    @Override
    public double eval(double x) {
      return x;
    }

    @Override
    public Expression derivative() {
      return new Constant(1);
    }

    @Override
    public <R> R fold(Visitor<R> visitor) {
      return visitor.variable();
    }

    @Override
    public String text() {
      return "x";
    }

    @Override
    public int precedence() {
      return 5;
    }
  }

  /** A number; a negative one binds like a unary minus. */
  record Constant(double value) implements Expression {
    @Override
    public double eval(double x) {
      return value;
    }

    @Override
    public Expression derivative() {
      return new Constant(0);
    }

    @Override
    public <R> R fold(Visitor<R> visitor) {
      return visitor.constant(value);
    }

    @Override
    public String text() {
      return SpecFormat.num(value);
    }

    @Override
    public int precedence() {
      return value < 0 || (value == 0 && 1 / value < 0) ? 3 : 5;
    }
  }

  /** base^exponent for an integer |exponent| ≤ 16: the product of |exponent| factors (1/that). */
  record Power(Expression base, int exponent) implements Expression {
    static final int MAX_EXPONENT = 16;

    /** r = 1, then r·x per factor, left to right; the reciprocal for a negative exponent. */
    static double of(double x, int exponent) {
      double r = 1;
      for (int k = 0; k < Math.abs(exponent); k++) {
        r = r * x;
      }
      return exponent < 0 ? 1 / r : r;
    }

    @Override
    public double eval(double x) {
      return of(base.eval(x), exponent);
    }

    @Override
    public Expression derivative() {
      return call(Operation.MUL, call(Operation.MUL, new Constant(exponent),
          call(Operation.POW, base, new Constant(exponent - 1))), base.derivative());
    }

    @Override
    public <R> R fold(Visitor<R> visitor) {
      return visitor.power(base.fold(visitor), exponent);
    }

    @Override
    public String text() {
      String b = base.precedence() > 4 ? base.text() : "(" + base.text() + ")";
      return b + " ^ " + (exponent < 0 ? "(" + exponent + ")" : exponent);
    }

    @Override
    public int precedence() {
      return 4;
    }
  }

  /** An operator or function applied to its arguments. */
  record Call(Operation op, List<Expression> args) implements Expression {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public double eval(double x) {
      double a = args.get(0).eval(x);
      return op.apply(a, args.size() > 1 ? args.get(1).eval(x) : 0);
    }

    @Override
    public <R> R fold(Visitor<R> visitor) {
      List<R> folded = new ArrayList<>();
      for (Expression a : args) {
        folded.add(a.fold(visitor));
      }
      return visitor.call(op, folded);
    }

    @Override
    public int precedence() {
      switch (op) {
        case ADD: case SUB: return 1;
        case MUL: case DIV: return 2;
        case NEG: return 3;
        case POW: return 4;
        default: return 5;
      }
    }

    @Override
    public String text() {
      if (!op.isOperator()) {
        StringBuilder s = new StringBuilder(op.symbol()).append('(');
        for (int i = 0; i < args.size(); i++) {
          s.append(i == 0 ? "" : ", ").append(args.get(i).text());
        }
        return s.append(')').toString();
      }
      int p = precedence();
      if (op == Operation.NEG) {
        return "-" + operand(args.get(0), p);
      }
      // left-associative operators need parentheses around an equally binding right operand,
      // the right-associative ^ around an equally binding left one
      boolean right = op == Operation.POW;
      return operand(args.get(0), right ? p + 1 : p) + " " + op.symbol() + " "
          + operand(args.get(1), right ? p : p + 1);
    }

    private static String operand(Expression e, int atLeast) {
      return e.precedence() >= atLeast ? e.text() : "(" + e.text() + ")";
    }

    @Override
    public Expression derivative() {
      Expression a = args.get(0);
      Expression da = a.derivative();
      Expression b = args.size() > 1 ? args.get(1) : null;
      Expression db = b == null ? null : b.derivative();
      switch (op) {
        case ADD: return call(Operation.ADD, da, db);
        case SUB: return call(Operation.SUB, da, db);
        case NEG: return call(Operation.NEG, da);
        case MUL:
          return call(Operation.ADD, call(Operation.MUL, da, b), call(Operation.MUL, a, db));
        case DIV:
          return call(Operation.SUB, call(Operation.DIV, da, b),
              call(Operation.DIV, call(Operation.MUL, a, db), call(Operation.MUL, b, b)));
        case POW:
          if (b instanceof Constant c) {
            return call(Operation.MUL, call(Operation.MUL, c,
                call(Operation.POW, a, new Constant(c.value - 1))), da);
          }
          return call(Operation.MUL, this, call(Operation.ADD,
              call(Operation.MUL, db, call(Operation.LOG, a)),
              call(Operation.DIV, call(Operation.MUL, b, da), a)));
        case EXP: return call(Operation.MUL, this, da);
        case LOG: return call(Operation.DIV, da, a);
        case SQRT: return call(Operation.DIV, da, call(Operation.MUL, new Constant(2), this));
        case SIN: return call(Operation.MUL, call(Operation.COS, a), da);
        case COS: return call(Operation.MUL, call(Operation.NEG, call(Operation.SIN, a)), da);
        case TANH:
          return call(Operation.MUL, call(Operation.SUB, new Constant(1),
              call(Operation.POW, this, new Constant(2))), da);
        case ERF:
          return call(Operation.MUL, call(Operation.MUL, new Constant(2 / Math.sqrt(Math.PI)),
              call(Operation.EXP, call(Operation.NEG, call(Operation.POW, a,
                  new Constant(2))))), da);
        case ABS: return call(Operation.MUL, call(Operation.SIGN, a), da);
        case SIGN: case STEP: return new Constant(0);
        case MAX: return select(call(Operation.STEP, call(Operation.SUB, a, b)), da, db);
        case MIN: return select(call(Operation.STEP, call(Operation.SUB, b, a)), da, db);
        default: throw new AssertionError(op);
      }
    }

    /** s·u + (1 − s)·v for a step s: u where s = 1, v where s = 0. */
    private static Expression select(Expression s, Expression u, Expression v) {
      return call(Operation.ADD, call(Operation.MUL, s, u),
          call(Operation.MUL, call(Operation.SUB, new Constant(1), s), v));
    }
  }
}
