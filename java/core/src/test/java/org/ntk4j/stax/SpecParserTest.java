package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The text spec: round trips, argument forms, and every error with its column and wording. */
class SpecParserTest {
  static final String ISSUE_EXAMPLE = "dense(512, w_std=1.5, b_std=0.05), relu(), fanout(2), "
      + "parallel(serial(dense(512, w_std=1.5), relu()), identity()), faninsum(), "
      + "dense(1, w_std=1.5, b_std=0.05)";

  @ParameterizedTest(name = "round trip: {0}")
  @ValueSource(strings = {
      ISSUE_EXAMPLE,
      "dense(1)",
      "identity()",
      "dense(3, w_std=0.25, b_std=0, parameterization=standard), relu()",
      "dense(10, w_std=1.7320508075688772, b_std=1e-300), leakyrelu(-0.01), dense(2)",
      "dense(4), abrelu(-0.3, 1.4), dense(4), abs(), dense(4), erf(0.7, 1.8, 0.3), dense(4), "
          + "sigmoidlike(), dense(4), gelu(), dense(4), sin(1.3, 0.8, 0.4), dense(4), "
          + "cos(0.9, 1.2, -0.3), dense(4), rbf(0.5), dense(4), sign(), dense(1)",
      "dense(4), monomial(0), dense(4), monomial(5), dense(4), rectifiedmonomial(0), dense(4), "
          + "rectifiedmonomial(2), dense(1)",
      "dense(4), exp(0.9, -0.5), dense(4), gaussian(1, -1), dense(4), hermite(3), dense(4), "
          + "polynomial([1, 0.25, -3]), dense(4), elementwise(\"max(0.5 * x, -x^2) ^ 3 - 2 ^"
          + " -x / (1 + abs(x))\", 7), dense(1)",
      "dense(6), fanout(3), parallel(relu(), serial(erf(), dense(6)), dense(6, w_std=1.1)), "
          + "faninprod(), dense(1)",
      "fanout(2), parallel(identity(), dense(5, b_std=0.2)), faninconcat(), dense(1)",
      "serial(dense(4), serial(relu(), dense(4)), fanout(1), parallel(identity()), faninsum())",
      "dense(5), fanout(2), parallel(serial(fanout(2), parallel(relu(), sin(1, 2, 0.3)), "
          + "faninsum()), identity()), faninsum(), dense(1, w_std=2)"})
  void roundTrip(String spec) {
    Architecture a = Architecture.parse(spec);
    Architecture again = Architecture.parse(a.spec());
    assertEquals(a, again);
    assertEquals(a.spec(), again.spec());
    assertEquals(a.hashCode(), again.hashCode());
  }

  /** The builder API and the text give the same tree, and the tree prints as the text. */
  @Test
  void roundTripOfBuilderTrees() {
    Layer tree = Stax.serial(Stax.dense(512, 1.5, 0.05), Stax.relu(), Stax.fanOut(2),
        Stax.parallel(Stax.serial(Stax.dense(512, 1.5), Stax.relu()), Stax.identity()),
        Stax.fanInSum(), Stax.dense(1, 1.5, 0.05));
    Architecture built = Architecture.of(tree);
    assertEquals(Architecture.parse(ISSUE_EXAMPLE), built);
    assertEquals(built, Architecture.parse(built.spec()));
    assertEquals(ISSUE_EXAMPLE, built.spec());
  }

  static Stream<Arguments> equivalentForms() {
    return Stream.of(
        Arguments.of("dense(512, 1.5, 0.05)", "dense(out_dim=512, w_std=1.5, b_std=0.05)"),
        Arguments.of("dense(512, 1.5, 0.05)", "dense(512, b_std=0.05, w_std=1.5)"),
        Arguments.of("dense(512, 1.5, 0.05, ntk)", "dense(512, w_std=1.5, b_std=0.05)"),
        Arguments.of("dense(3)", "dense(3, w_std=1, b_std=none, parameterization=ntk)"),
        Arguments.of("dense(3, 2, none, standard)", "dense(3, w_std=2, parameterization=STANDARD)"),
        Arguments.of("Dense( 3 ) ,ReLU( )", "dense(3), relu()"),
        Arguments.of("dense(3),\n\trelu()", "serial(dense(3), relu())"),
        Arguments.of("dense(3), leakyrelu(alpha=0.1)", "dense(3), leakyrelu(0.1)"),
        Arguments.of("dense(3), abrelu(b=2, a=-1)", "dense(3), abrelu(-1, 2)"),
        Arguments.of("dense(3), erf()", "dense(3), erf(a=1, b=1, c=0)"),
        Arguments.of("dense(3), erf(2)", "dense(3), erf(2, 1, 0)"),
        Arguments.of("dense(3), sin(c=0.5)", "dense(3), sin(1, 1, 0.5)"),
        Arguments.of("dense(3), rbf()", "dense(3), rbf(gamma=1)"),
        Arguments.of("dense(3), monomial(degree=2)", "dense(3), monomial(2.0)"),
        Arguments.of("dense(3), fanout(num=2), faninsum()", "dense(3), fanout(2), faninsum()"),
        Arguments.of("dense(3), polynomial(coef=[ 1,-2.5e0 ,3 ])",
            "dense(3), polynomial([1, -2.5, 3])"),
        Arguments.of("dense(3), elementwise(fn='tanh( x )')",
            "dense(3), elementwise(\"tanh(x)\", deg=25)"),
        Arguments.of("dense(3), elementwise('x**2 - (1)', 4)",
            "dense(3), elementwise(\"x^2-1\", 4)"),
        Arguments.of("dense(3, w_std=1.5e0, b_std=+5E-2)", "dense(3, w_std=1.5, b_std=0.05)"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("equivalentForms")
  void namedAndPositionalArgumentsAgree(String a, String b) {
    assertEquals(Architecture.parse(b), Architecture.parse(a));
  }

  @Test
  void argumentsReachTheLayer() {
    Dense d = (Dense) SpecParser.parse("dense(7, b_std=0.25, w_std=1.5, parameterization=standard)");
    assertEquals(7, d.outDim());
    assertEquals(1.5, d.wStd());
    assertEquals(0.25, d.bStd());
    assertEquals(true, d.hasBias());
    assertEquals(Dense.Parameterization.STANDARD, d.parameterization());
    assertEquals(ABRelu.abRelu(-0.5, 2), SpecParser.parse("abrelu(b=2, a=-0.5)"));
    assertEquals(3, ((FanOut) SpecParser.parse("fanout(3)")).branches());
    assertEquals(false, ((Dense) SpecParser.parse("dense(2, b_std=none)")).hasBias());
  }

  static final String KNOWN = "known layers: dense, relu, leakyrelu, abrelu, abs, erf, "
      + "sigmoidlike, gelu, sin, cos, rbf, sign, monomial, rectifiedmonomial, exp, gaussian, "
      + "hermite, polynomial, elementwise, identity, serial, parallel, fanout, faninsum, "
      + "faninprod, faninconcat";

  static Stream<Arguments> errors() {
    return Stream.of(
        // empty spec
        Arguments.of("", 1, "the spec is empty; expected a layer such as dense(512)"),
        Arguments.of("   ", 1, "the spec is empty; expected a layer such as dense(512)"),
        // unknown layer
        Arguments.of("dense(3), rellu()", 11, "unknown layer 'rellu'; " + KNOWN),
        // unknown argument: points at its name
        Arguments.of("dense(3, w=1)", 10,
            "dense has no argument 'w'; it takes out_dim, w_std, b_std, parameterization"),
        Arguments.of("dense(3), relu(alpha=1)", 16,
            "relu has no argument 'alpha'; it takes no arguments"),
        // missing required argument: points at the layer
        Arguments.of("dense(3), leakyrelu()", 11, "leakyrelu needs alpha (it takes alpha)"),
        Arguments.of("dense(w_std=2)", 1,
            "dense needs out_dim (it takes out_dim, w_std, b_std, parameterization)"),
        Arguments.of("dense(3), abrelu(1)", 11, "abrelu needs b (it takes a, b)"),
        Arguments.of("dense(3), fanout()", 11, "fanout needs num (it takes num)"),
        // too many arguments: points at the first extra one
        Arguments.of("dense(3), relu(1)", 16, "too many arguments: relu takes no arguments"),
        Arguments.of("dense(3, 1, 0, ntk, 5)", 21,
            "too many arguments: dense takes out_dim, w_std, b_std, parameterization"),
        // duplicate argument
        Arguments.of("dense(3, out_dim=4)", 10, "out_dim of dense is given twice"),
        Arguments.of("dense(3, w_std=1, w_std=2)", 19, "w_std of dense is given twice"),
        // positional after named
        Arguments.of("dense(w_std=1, 3)", 16, "positional argument after a named one in dense"),
        // non-integer and out-of-range integers: point at the value
        Arguments.of("dense(3.5)", 7, "out_dim of dense must be an integer, got 3.5"),
        Arguments.of("dense(out_dim=2.5)", 15, "out_dim of dense must be an integer, got 2.5"),
        Arguments.of("dense(1e10)", 7, "out_dim of dense must be an integer, got 10000000000"),
        Arguments.of("dense(3), monomial(1.5)", 20,
            "degree of monomial must be an integer, got 1.5"),
        Arguments.of("dense(0)", 1, "dense: out_dim must be at least 1, got 0"),
        Arguments.of("dense(3), monomial(6)", 11, "monomial: degree must be 0..5, got 6"),
        Arguments.of("dense(3), rectifiedmonomial(3)", 11,
            "rectifiedmonomial: degree must be 0..2, got 3"),
        Arguments.of("dense(3), fanout(0)", 11,
            "fanout: the number of branches must be >= 1, got 0"),
        Arguments.of("dense(3), rbf(0)", 11, "rbf: gamma must be a finite number > 0, got 0"),
        Arguments.of("dense(3, w_std=-1)", 1, "dense: w_std must be a finite number >= 0, got -1"),
        // bad words and wrong kinds of value
        Arguments.of("dense(3, parameterization=foo)", 27,
            "parameterization of dense must be ntk or standard, got foo"),
        Arguments.of("dense(3, parameterization=1)", 27,
            "parameterization of dense must be a word, got 1"),
        Arguments.of("dense(3, w_std=big)", 16, "w_std of dense must be a number, got big"),
        Arguments.of("dense(relu())", 7, "out_dim of dense must be a value, not a layer"),
        Arguments.of("serial(dense(3), 4)", 18, "serial takes layers as arguments"),
        Arguments.of("parallel()", 1, "parallel needs at least one layer"),
        // unbalanced parentheses
        Arguments.of("dense(3", 8,
            "expected ',' or ')' in the arguments of dense but found the end of the spec"),
        Arguments.of("serial(dense(3), relu()", 24,
            "expected ',' or ')' in the arguments of serial but found the end of the spec"),
        Arguments.of("dense(3))", 9,
            "expected ',' between layers or the end of the spec but found ')'"),
        Arguments.of("relu", 5, "expected '(' after relu but found the end of the spec"),
        Arguments.of("dense 3)", 7, "expected '(' after dense but found '3'"),
        // trailing garbage and misplaced tokens
        Arguments.of("dense(3) relu()", 10,
            "expected ',' between layers or the end of the spec but found 'r'"),
        Arguments.of("dense(3), ", 11,
            "expected a layer name such as dense or relu but found the end of the spec"),
        Arguments.of("dense(3),, relu()", 10,
            "expected a layer name such as dense or relu but found ','"),
        Arguments.of("3", 1, "expected a layer name such as dense or relu but found '3'"),
        Arguments.of("dense(3 4)", 9,
            "expected ',' or ')' in the arguments of dense but found '4'"),
        Arguments.of("dense(3, w_std=)", 16,
            "expected a number, a word or a layer but found ')'"),
        Arguments.of("dense(#)", 7, "expected a number, a word or a layer but found '#'"),
        // lists of numbers
        Arguments.of("dense([1, 2])", 7, "out_dim of dense must be a number, got [1, 2]"),
        Arguments.of("dense(3, w_std=[1)", 18,
            "expected ',' or ']' in a list of numbers but found ')'"),
        Arguments.of("dense([1, a])", 11, "expected a number but found 'a'"),
        Arguments.of("dense(3, parameterization=[])", 27,
            "parameterization of dense must be a word, got []"),
        Arguments.of("dense(3), polynomial(2)", 22,
            "coef of polynomial must be a list of numbers such as [1, 0, 2], got 2"),
        Arguments.of("dense(3), polynomial([])", 11,
            "polynomial: coef needs 1 to 32 coefficients, got 0"),
        // quoted expressions
        Arguments.of("dense(3), elementwise(tanh(x))", 23, "unknown layer 'tanh'; " + KNOWN
            + "; an expression argument needs quotes, e.g. elementwise(\"tanh(x)\")"),
        Arguments.of("dense(3), elementwise(\"tanh(x)", 23, "the quote \" is never closed"),
        Arguments.of("dense(3), elementwise(x)", 23,
            "fn of elementwise must be quoted, e.g. \"tanh(x)\", got x"),
        Arguments.of("dense(3, w_std='1')", 16, "w_std of dense must be a number, got \"1\""),
        Arguments.of("dense(3), elementwise('tanh(x', 4)", 11,
            "elementwise: in \"tanh(x\" at character 7: expected ')', found the end"),
        Arguments.of("dense(3), elementwise('tan(x)')", 11, "elementwise: in \"tan(x)\" at"
            + " character 1: unknown name 'tan'; use x, pi, e or one of exp, log, sqrt, sin,"
            + " cos, tanh, erf, abs, sign, step, max, min, found 't'"),
        Arguments.of("dense(3), elementwise('log(x)')", 11, "elementwise: φ = log(x) is not"
            + " finite at x = -8; its Gaussian expectations need it on the whole real line"
            + " (write e.g. abs(x) rather than sqrt(x^2))"),
        Arguments.of("dense(3), elementwise('sqrt(x^2)')", 11, "elementwise: its derivative"
            + " 2 * x / (2 * sqrt(x ^ 2)) is not finite at x = 0; its Gaussian expectations need"
            + " it on the whole real line (write e.g. abs(x) rather than sqrt(x^2))"),
        Arguments.of("dense(3), elementwise('x', 0)", 11, "elementwise: deg must be 1..100,"
            + " got 0"));
  }

  @ParameterizedTest(name = "[{index}] col {1}: {2}")
  @MethodSource("errors")
  void errorsNameTheColumnAndTheProblem(String spec, int column, String message) {
    SpecParseException e = assertThrows(SpecParseException.class, () -> Architecture.parse(spec));
    assertEquals("column " + column + ": " + message, e.getMessage());
    assertEquals(column, e.column());
  }
}
