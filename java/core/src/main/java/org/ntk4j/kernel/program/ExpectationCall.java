package org.ntk4j.kernel.program;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.stax.ExpectationFunction;
import org.ntk4j.stax.Expression;
import org.ntk4j.stax.Nonlinearity;

/**
 * How a nonlinearity is called in the shared C header {@code opencl/ntk_expectations.h}: the
 * function {@code NTK_NAME(<name>)} of its {@link ExpectationFunction} and its constant leading
 * arguments as exact C literals; array arguments are named constant arrays declared at program
 * scope ({@link #declarations}); a user's φ is the program's φ function number {@code index}
 * ({@link #phiCases}).
 */
record ExpectationCall(String name, List<String> constants, List<String> declarations,
    List<String> phiCases) {

  /**
   * The call of nonlinearity number {@code index} of a program; its arrays are named
   * {@code NTK_NAME(k<index>_<j>)}.
   */
  static ExpectationCall of(Nonlinearity n, Precision p, int index) {
    ExpectationFunction f = n.expectationFunction();
    Literals literals = new Literals(p, index);
    List<String> constants = new ArrayList<>();
    for (ExpectationFunction.Argument a : f.arguments()) {
      constants.add(a.accept(literals));
    }
    return new ExpectationCall(f.name(), constants, literals.declarations, literals.phiCases);
  }

  /** Each argument as C text: reals as exact hexadecimal literals, integers in decimal. */
  private static final class Literals implements ExpectationFunction.Visitor<String> {
    private final Precision precision;
    private final int index;
    private final List<String> declarations = new ArrayList<>();
    private final List<String> phiCases = new ArrayList<>();

    Literals(Precision precision, int index) {
      this.precision = precision;
      this.index = index;
    }

    @Override
    public String real(double value) {
      return CTypes.literal(precision, value);
    }

    @Override
    public String integer(int value) {
      return Integer.toString(value);
    }

    @Override
    public String reals(double[] values) {
      String array = "NTK_NAME(k" + index + "_" + declarations.size() + ")";
      List<String> items = new ArrayList<>();
      for (double v : values) {
        items.add(real(v));
      }
      declarations.add("NTK_CONSTANT NTK_SCALAR " + array + "[" + values.length + "] = {"
          + String.join(", ", items) + "};");
      return array;
    }

    /** φ number {@code index}: its case of the program's φ function, and the index to call. */
    @Override
    public String function(Expression phi, Expression derivative) {
      phiCases.add("  if (f == " + index + ") {\n    return d == 0 ? "
          + CExpression.of(phi, precision) + "\n        : " + CExpression.of(derivative, precision)
          + ";\n  }\n");
      return Integer.toString(index);
    }
  }

  /** {@code NTK_NAME(<name>)(constants..., q11, q22, q12, &e0, &e1)}. */
  String pair(String q11, String q22, String q12, String sigma, String dot) {
    return "NTK_NAME(" + name + ")(" + args(q11, q22, q12, "&" + sigma, "&" + dot) + ")";
  }

  private String args(String... rest) {
    List<String> all = new ArrayList<>(constants);
    all.addAll(List.of(rest));
    return String.join(", ", all);
  }
}
