package org.ntk4j.kernel.program;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.stax.ExpectationFunction;
import org.ntk4j.stax.Nonlinearity;

/**
 * How a nonlinearity is called in the shared C header {@code opencl/ntk_expectations.h}: the
 * function {@code NTK_NAME(<name>)} of its {@link ExpectationFunction} and its constant leading
 * arguments as exact C literals.
 */
record ExpectationCall(String name, List<String> constants) {

  static ExpectationCall of(Nonlinearity n, Precision p) {
    ExpectationFunction f = n.expectationFunction();
    Literals literals = new Literals(p);
    List<String> constants = new ArrayList<>();
    for (ExpectationFunction.Argument a : f.arguments()) {
      constants.add(a.accept(literals));
    }
    return new ExpectationCall(f.name(), constants);
  }

  /** Each argument as C text: reals as exact hexadecimal literals, integers in decimal. */
  private record Literals(Precision precision) implements ExpectationFunction.Visitor<String> {
    @Override
    public String real(double value) {
      return CTypes.literal(precision, value);
    }

    @Override
    public String integer(int value) {
      return Integer.toString(value);
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
