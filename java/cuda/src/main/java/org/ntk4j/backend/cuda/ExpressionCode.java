package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.stax.ArchitectureException;
import org.ntk4j.stax.Expression;
import org.ntk4j.stax.Operation;

/**
 * A φ expression as the codes that the CUDA interpreter's expression evaluator
 * ({@code ntk_expression} in cuda/ntk_program.cuh) runs: postfix order; {@link #X} pushes x,
 * {@link #CONST} pushes the value that follows it, and every {@link Operation} (code
 * {@link #FIRST_OPERATION} + its ordinal, the EX_ defines there) replaces its arguments on the
 * stack by its value; {@link #POWI} followed by n replaces the top by its n-th power (a
 * product of factors, as the oracle's). Codes travel as reals in the constant stream.
 */
final class ExpressionCode implements Expression.Visitor<Integer> {
  static final int X = 0;
  static final int CONST = 1;
  static final int POWI = 2;
  static final int FIRST_OPERATION = 3;
  /** The evaluator's stack (EX_STACK in the .cuh). */
  static final int MAX_STACK = 16;

  private final List<Double> codes = new ArrayList<>();

  /** The codes of {@code e}. @throws ArchitectureException when it needs too deep a stack */
  static List<Double> encode(Expression e) {
    ExpressionCode c = new ExpressionCode();
    int depth = e.fold(c);
    if (depth > MAX_STACK) {
      throw new ArchitectureException("the CUDA backend evaluates expressions with a stack of "
          + MAX_STACK + " values, " + e.text() + " needs " + depth + "; nest it less or use"
          + " --backend opencl or java");
    }
    return c.codes;
  }

  @Override
  public Integer variable() {
    codes.add((double) X);
    return 1;
  }

  @Override
  public Integer constant(double value) {
    codes.add((double) CONST);
    codes.add(value);
    return 1;
  }

  @Override
  public Integer power(Integer base, int exponent) {
    codes.add((double) POWI);
    codes.add((double) exponent);
    return base;
  }

  /** Argument i is evaluated on top of the i values before it. */
  @Override
  public Integer call(Operation op, List<Integer> depths) {
    int depth = 0;
    for (int i = 0; i < depths.size(); i++) {
      depth = Math.max(depth, i + depths.get(i));
    }
    codes.add((double) (FIRST_OPERATION + op.ordinal()));
    return depth;
  }
}
