package org.ntk4j.kernel.program;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.stax.ABRelu;
import org.ntk4j.stax.ArchitectureException;
import org.ntk4j.stax.Erf;
import org.ntk4j.stax.Gelu;
import org.ntk4j.stax.Monomial;
import org.ntk4j.stax.Nonlinearity;
import org.ntk4j.stax.Rbf;
import org.ntk4j.stax.RectifiedMonomial;
import org.ntk4j.stax.Sign;
import org.ntk4j.stax.Sin;

/**
 * How a nonlinearity is called in the shared C header {@code opencl/ntk_expectations.h}: the
 * function {@code NTK_NAME(<stem>)} and its constant leading arguments.
 */
record ExpectationCall(String stem, List<String> constants) {

  static ExpectationCall of(Nonlinearity n, Precision p) {
    if (n instanceof ABRelu r) {
      return new ExpectationCall("abrelu", reals(p, r.a(), r.b()));
    }
    if (n instanceof Erf e) {
      return new ExpectationCall("erf", reals(p, e.a(), e.b(), e.c()));
    }
    if (n instanceof Gelu) {
      return new ExpectationCall("gelu", List.of());
    }
    if (n instanceof Sin s) {
      return new ExpectationCall("sin", reals(p, s.a(), s.b(), s.phase()));
    }
    if (n instanceof Rbf r) {
      return new ExpectationCall("rbf", reals(p, r.gamma()));
    }
    if (n instanceof Sign) {
      return new ExpectationCall("sign", List.of());
    }
    if (n instanceof Monomial m) {
      return new ExpectationCall("monomial", List.of(Integer.toString(m.degree())));
    }
    if (n instanceof RectifiedMonomial m) {
      return new ExpectationCall("rectmonomial", List.of(Integer.toString(m.degree())));
    }
    throw new ArchitectureException("the device backends have no closed form for "
        + n.spec() + "; compute this architecture with --backend java");
  }

  private static List<String> reals(Precision p, double... values) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(CTypes.literal(p, v));
    }
    return out;
  }

  /** {@code NTK_NAME(<stem>)(constants..., q11, q22, q12, &e0, &e1)}. */
  String pair(String q11, String q22, String q12, String sigma, String dot) {
    return "NTK_NAME(" + stem + ")(" + args(q11, q22, q12, "&" + sigma, "&" + dot) + ")";
  }

  private String args(String... rest) {
    List<String> all = new ArrayList<>(constants);
    all.addAll(List.of(rest));
    return String.join(", ", all);
  }
}
