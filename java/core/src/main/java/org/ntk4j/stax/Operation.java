package org.ntk4j.stax;

import org.hipparchus.special.Erf;

/**
 * The operators and functions of a user's φ expression ({@link Expression}): how each is
 * written, evaluated and differentiated. The device code generators spell the same operations
 * in C (OpenCL) and as interpreter codes (CUDA), one case each.
 */
public enum Operation {
  ADD("+", 2), SUB("-", 2), MUL("*", 2), DIV("/", 2), POW("^", 2), NEG("-", 1),
  EXP("exp", 1), LOG("log", 1), SQRT("sqrt", 1), SIN("sin", 1), COS("cos", 1),
  TANH("tanh", 1), ERF("erf", 1), ABS("abs", 1), SIGN("sign", 1), STEP("step", 1),
  MAX("max", 2), MIN("min", 2);

  private final String symbol;
  private final int arity;

  Operation(String symbol, int arity) {
    this.symbol = symbol;
    this.arity = arity;
  }

  /** The operator symbol, or the function's name in expressions. */
  public String symbol() {
    return symbol;
  }

  /** How many arguments it takes. */
  public int arity() {
    return arity;
  }

  /** Whether it is written as an infix (or prefix) operator rather than a function call. */
  public boolean isOperator() {
    return ordinal() <= NEG.ordinal();
  }

  /** The function of this name, or null. */
  static Operation function(String name) {
    for (Operation op : values()) {
      if (!op.isOperator() && op.symbol.equals(name)) {
        return op;
      }
    }
    return null;
  }

  /**
   * The value at a, b (b unused by unary operations). step(x) is 1 for x ≥ 0, else 0 (as
   * OpenCL's step(0, x)); sign(0) = 0.
   */
  double apply(double a, double b) {
    switch (this) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case POW:
        return b == Math.rint(b) && Math.abs(b) <= Expression.Power.MAX_EXPONENT
            ? Expression.Power.of(a, (int) b) : Math.pow(a, b);
      case NEG: return -a;
      case EXP: return Math.exp(a);
      case LOG: return Math.log(a);
      case SQRT: return Math.sqrt(a);
      case SIN: return Math.sin(a);
      case COS: return Math.cos(a);
      case TANH: return Math.tanh(a);
      case ERF: return Erf.erf(a);
      case ABS: return Math.abs(a);
      case SIGN: return Math.signum(a);
      case STEP: return a >= 0 ? 1.0 : 0.0;
      case MAX: return Math.max(a, b);
      case MIN: return Math.min(a, b);
      default: throw new AssertionError(this);
    }
  }
}
