package org.ntk4j.kernel.program;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.stax.ExpectationFunction;
import org.ntk4j.stax.Nonlinearity;

/**
 * How a nonlinearity is called in the shared C header {@code opencl/ntk_expectations.h}: the
 * function {@code NTK_NAME(<name>)} of its {@link ExpectationFunction} and its constant leading
 * arguments as exact C literals; array arguments are named constant arrays declared at program
 * scope ({@link #declarations}).
 */
record ExpectationCall(String name, List<String> constants, List<String> declarations) {

  /** The call of {@code n}; its arrays are named {@code NTK_NAME(<prefix>_<j>)}. */
  static ExpectationCall of(Nonlinearity n, Precision p, String prefix) {
    ExpectationFunction f = n.expectationFunction();
    Literals literals = new Literals(p, prefix);
    List<String> constants = new ArrayList<>();
    for (ExpectationFunction.Argument a : f.arguments()) {
      constants.add(a.accept(literals));
    }
    return new ExpectationCall(f.name(), constants, literals.declarations);
  }

  /** Each argument as C text: reals as exact hexadecimal literals, integers in decimal. */
  private static final class Literals implements ExpectationFunction.Visitor<String> {
    private final Precision precision;
    private final String prefix;
    private final List<String> declarations = new ArrayList<>();

    Literals(Precision precision, String prefix) {
      this.precision = precision;
      this.prefix = prefix;
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
      String array = "NTK_NAME(" + prefix + "_" + declarations.size() + ")";
      List<String> items = new ArrayList<>();
      for (double v : values) {
        items.add(real(v));
      }
      declarations.add("NTK_CONSTANT NTK_SCALAR " + array + "[" + values.length + "] = {"
          + String.join(", ", items) + "};");
      return array;
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
