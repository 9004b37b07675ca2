package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.hipparchus.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** φ expressions: what they mean, their canonical text, and their symbolic derivatives. */
class ExpressionTest {
  private static final double[] XS = {-2.3, -1, -0.4, 0.1, 0.7, 1.9};

  static Stream<Arguments> meanings() {
    return Stream.of(
        Arguments.of("tanh(x)", (DoubleUnaryOperator) Math::tanh),
        Arguments.of("-x^2", (DoubleUnaryOperator) x -> -(x * x)),
        Arguments.of("2^-x", (DoubleUnaryOperator) x -> Math.pow(2, -x)),
        Arguments.of("2^3^2", (DoubleUnaryOperator) x -> 512),
        Arguments.of("x - 1 - 2", (DoubleUnaryOperator) x -> x - 3),
        Arguments.of("x / 2 / 4", (DoubleUnaryOperator) x -> x / 8),
        Arguments.of("1 + 2 * x ** 2", (DoubleUnaryOperator) x -> 1 + 2 * x * x),
        Arguments.of("x^(-2)", (DoubleUnaryOperator) x -> 1 / (x * x)),
        Arguments.of("(x + 1)^0.5 * 0 + abs(x)", (DoubleUnaryOperator) Math::abs),
        Arguments.of("x * erf(x / 2) + sin(pi * x) - cos(e * x)",
            (DoubleUnaryOperator) x -> x * Erf.erf(x / 2) + Math.sin(Math.PI * x)
                - Math.cos(Math.E * x)),
        Arguments.of("max(x, 0.5) - min(x, -x) + sign(x) * step(x - 0.5)",
            (DoubleUnaryOperator) x -> Math.max(x, 0.5) - Math.min(x, -x)
                + Math.signum(x) * (x >= 0.5 ? 1 : 0)),
        Arguments.of("exp(-x^2 / 4) * log(1 + x^2) / sqrt(1 + abs(x))",
            (DoubleUnaryOperator) x -> Math.exp(-x * x / 4) * Math.log(1 + x * x)
                / Math.sqrt(1 + Math.abs(x))),
        Arguments.of("1.5e-1 * x + 2E1", (DoubleUnaryOperator) x -> 0.15 * x + 20));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("meanings")
  void evaluatesAsWritten(String text, DoubleUnaryOperator expected) {
    Expression e = Expression.parse(text);
    for (double x : XS) {
      assertEquals(expected.applyAsDouble(x), e.eval(x), 1e-14 * (1 + Math.abs(e.eval(x))),
          text + " at " + x);
    }
    Expression again = Expression.parse(e.text());
    assertEquals(e, again, e.text());
    assertEquals(e.text(), again.text());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("meanings")
  void derivativeMatchesFiniteDifferences(String text, DoubleUnaryOperator unused) {
    Expression e = Expression.parse(text);
    Expression d = e.derivative();
    for (double x : XS) {
      double h = 1e-4;
      double fd = (e.eval(x - 2 * h) - 8 * e.eval(x - h) + 8 * e.eval(x + h)
          - e.eval(x + 2 * h)) / (12 * h);
      assertEquals(fd, d.eval(x), 1e-7 * (1 + Math.abs(fd)), text + "' = " + d.text()
          + " at " + x);
    }
    assertEquals(d, Expression.parse(d.text()), d.text());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x^2", "x ^ 3 - 2 * x", "(x - 1) ^ (-3)", "x ^ 16"})
  void smallIntegerPowersAreProductsOfFactors(String text) {
    Expression e = Expression.parse(text);
    assertTrue(e.text().contains("^"), e.text());
    double x = 1.1;
    double r = 1;
    for (int k = 0; k < 16; k++) {
      r = r * x;
    }
    assertEquals(r, Expression.parse("x ^ 16").eval(x), 0.0);
    assertEquals(Math.pow(x, 17), Expression.parse("x ^ 17").eval(x), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x * 1 + 0", "0 + x / 1", "--x", "x ^ 1", "1 * x - 0"})
  void neutralTermsAreDropped(String text) {
    assertEquals("x", Expression.parse(text).text());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("", 1, "expected a number, x, a function or '(', found the end"),
        Arguments.of("x +", 4, "expected a number, x, a function or '(', found the end"),
        Arguments.of("y", 1, "unknown name 'y'; use x, pi, e or one of exp, log, sqrt, sin,"
            + " cos, tanh, erf, abs, sign, step, max, min, found 'y'"),
        Arguments.of("max(x)", 6, "expected ',', found ')'"),
        Arguments.of("exp(x, 1)", 6, "exp takes 1 argument, found ','"),
        Arguments.of("2 x", 3, "expected an operator or the end, found 'x'"),
        Arguments.of("(x", 3, "expected ')', found the end"),
        Arguments.of("1.2.3", 1, "malformed number, found '1'"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("errors")
  void errorsNameThePosition(String text, int at, String problem) {
    ArchitectureException e = assertThrows(ArchitectureException.class,
        () -> Expression.parse(text));
    assertEquals("elementwise: in \"" + text + "\" at character " + at + ": " + problem,
        e.getMessage());
  }
}
