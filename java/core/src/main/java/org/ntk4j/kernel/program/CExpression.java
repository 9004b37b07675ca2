package org.ntk4j.kernel.program;

import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.stax.Expression;
import org.ntk4j.stax.Operation;

/**
 * A φ expression as C over {@code REAL} (scalar or OpenCL vector): every constant is cast to
 * REAL, so the vector builtins (fmax, pow, step) see matching argument types, and every
 * operation is parenthesized as the tree says, so C evaluates it in the oracle's order.
 */
final class CExpression implements Expression.Visitor<String> {
  private final Precision precision;

  CExpression(Precision precision) {
    this.precision = precision;
  }

  static String of(Expression e, Precision p) {
    return e.fold(new CExpression(p));
  }

  @Override
  public String variable() {
    return "x";
  }

  @Override
  public String constant(double value) {
    return "((REAL)" + CTypes.literal(precision, value) + ")";
  }

  /** A product of factors, by the preamble's NTK_NAME(powi). */
  @Override
  public String power(String base, int exponent) {
    return "NTK_NAME(powi)(" + base + ", " + exponent + ")";
  }

  @Override
  public String call(Operation op, List<String> args) {
    String a = args.get(0);
    String b = args.size() > 1 ? args.get(1) : null;
    switch (op) {
      case ADD: return "(" + a + " + " + b + ")";
      case SUB: return "(" + a + " - " + b + ")";
      case MUL: return "(" + a + " * " + b + ")";
      case DIV: return "(" + a + " / " + b + ")";
      case POW: return "pow(" + a + ", " + b + ")";
      case NEG: return "(-" + a + ")";
      case ABS: return "fabs(" + a + ")";
      case STEP: return "step((REAL)0, " + a + ")";
      case MAX: return "fmax(" + a + ", " + b + ")";
      case MIN: return "fmin(" + a + ", " + b + ")";
      default: return op.symbol() + "(" + a + ")";  // exp, log, sqrt, sin, cos, tanh, erf, sign
    }
  }
}
