package org.ntk4j.stax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The build-time checks neural-tangents makes, with messages that name the fix. */
class ArchitectureTest {
  private static final String NEEDS_DENSE = "needs Gaussian inputs: put a dense(...) layer "
      + "before it";

  static Stream<Arguments> nonlinearities() {
    return NonlinearityCases.all().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} first fails")
  @MethodSource("nonlinearities")
  void nonlinearityWithoutDenseBeforeItFails(Nonlinearity phi) {
    ArchitectureException e = assertThrows(ArchitectureException.class,
        () -> Architecture.of(Stax.serial(phi, Stax.dense(1, 1.0))));
    String name = phi.spec().substring(0, phi.spec().indexOf('('));
    assertEquals(name + "() " + NEEDS_DENSE, e.getMessage());
    // and the same through the text form, reported at the layer
    assertThrows(ArchitectureException.class, () -> Architecture.parse(phi.spec()));
  }

  @ParameterizedTest(name = "{0} after dense builds")
  @MethodSource("nonlinearities")
  void nonlinearityAfterDenseBuilds(Nonlinearity phi) {
    Architecture a = Architecture.of(Stax.serial(Stax.dense(4, 1.2, 0.1), phi, Stax.dense(1, 1.0)));
    assertEquals(new Signal(1, true), a.output(7));
  }

  /** Places where the pre-activations are not Gaussian: a nonlinearity there must fail. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "relu()",
      "identity(), relu()",
      "dense(4), relu(), relu()",
      "dense(4), erf(), dense(4), gelu(), sin(1, 1, 0)",
      "dense(4), fanout(2), faninprod(), relu()",
      "dense(4), fanout(2), parallel(relu(), dense(4)), faninsum(), relu()",
      "dense(4), fanout(2), parallel(relu(), dense(4)), faninconcat(), relu()",
      "fanout(2), parallel(dense(3), dense(3)), faninconcat(), dense(2), abs(), sign()",
      "dense(4), fanout(2), parallel(identity(), relu()), faninsum(), relu()"})
  void nonGaussianInputsRejectNonlinearities(String spec) {
    ArchitectureException e = assertThrows(ArchitectureException.class,
        () -> Architecture.parse(spec));
    assertTrue(e.getMessage().endsWith(NEEDS_DENSE), e.getMessage());
  }

  /** Sums and concatenations of Gaussian branches stay Gaussian, and so may feed a φ. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "dense(4), fanout(2), parallel(dense(4), identity()), faninsum(), relu(), dense(1)",
      "fanout(2), parallel(dense(3), dense(5)), faninconcat(), relu(), dense(1)",
      "dense(4), fanout(3), faninsum(), erf(), dense(1)",
      "dense(4), identity(), gelu(), dense(1)"})
  void gaussianCombinationsAllowNonlinearities(String spec) {
    assertTrue(Architecture.parse(spec).output(3).width() >= 1);
  }

  static Stream<Arguments> branchErrors() {
    return Stream.of(
        Arguments.of("dense(4), fanout(3), parallel(relu(), relu())",
            "parallel of 2 layers gets 3 branches; put fanout(2) before it"),
        Arguments.of("dense(4), parallel(relu(), relu())",
            "parallel of 2 layers gets 1 branches; put fanout(2) before it"),
        Arguments.of("dense(4), fanout(2)",
            "the network ends in 2 branches; combine them with faninsum(), faninprod() or "
                + "faninconcat()"),
        Arguments.of("dense(4), fanout(3), parallel(relu(), relu(), identity())",
            "the network ends in 3 branches; combine them with faninsum(), faninprod() or "
                + "faninconcat()"),
        Arguments.of("dense(4), fanout(2), dense(3)",
            "dense takes one branch but gets 2; combine branches first with faninsum(), "
                + "faninprod() or faninconcat()"),
        Arguments.of("dense(4), fanout(2), relu()",
            "relu takes one branch but gets 2; combine branches first with faninsum(), "
                + "faninprod() or faninconcat()"),
        Arguments.of("dense(4), fanout(2), fanout(2)",
            "fanout takes one branch but gets 2; combine branches first with faninsum(), "
                + "faninprod() or faninconcat()"),
        Arguments.of("dense(4), fanout(2), identity(), faninsum()",
            "identity takes one branch but gets 2; combine branches first with faninsum(), "
                + "faninprod() or faninconcat()"),
        Arguments.of("dense(4), fanout(2), parallel(dense(3), dense(5)), faninsum()",
            "faninsum() needs branches of equal width, got 3, 5; give the branches' last dense "
                + "layers the same out_dim"),
        Arguments.of("dense(4), fanout(3), parallel(dense(3), dense(3), relu()), faninprod()",
            "faninprod() needs branches of equal width, got 3, 3, 4; give the branches' last "
                + "dense layers the same out_dim"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("branchErrors")
  void branchCountAndWidthMismatchesFail(String spec, String message) {
    ArchitectureException e = assertThrows(ArchitectureException.class,
        () -> Architecture.parse(spec));
    assertTrue(e.getMessage().endsWith(message), e.getMessage());
  }

  /** A width known only from the data is checked when the input width is known. */
  @Test
  void inputWidthMismatchFailsWhenTheWidthIsKnown() {
    Architecture a = Architecture.parse(
        "fanout(2), parallel(identity(), dense(5)), faninsum(), dense(1)");
    assertEquals(new Signal(1, true), a.output(5));
    ArchitectureException e = assertThrows(ArchitectureException.class, () -> a.output(4));
    assertEquals("faninsum() needs branches of equal width, got 4, 5; give the branches' last "
        + "dense layers the same out_dim", e.getMessage());
  }

  /** Concatenation accepts different widths and adds them up. */
  @Test
  void concatenationAddsWidths() {
    Architecture a = Architecture.parse(
        "fanout(3), parallel(identity(), dense(5), dense(2)), faninconcat()");
    assertEquals(new Signal(14, false), a.output(7));
    assertFalse(a.output(7).gaussian());
  }

  /** Sums and products need all but one branch to end in a dense layer of its own. */
  @ParameterizedTest(name = "exact: {0}")
  @ValueSource(strings = {
      "dense(4), fanout(2), parallel(dense(4), identity()), faninsum(), relu(), dense(1)",
      "dense(4), fanout(2), parallel(relu(), dense(4)), faninsum(), dense(1)",
      "fanout(2), parallel(identity(), dense(5)), faninprod(), dense(1)",
      "dense(4), fanout(3), parallel(dense(4), dense(4), dense(4)), faninprod()",
      "dense(4), fanout(2), parallel(serial(fanout(2), parallel(dense(4), relu()), faninsum()), "
          + "dense(4)), faninsum()",
      "dense(4), fanout(2), parallel(relu(), relu()), faninconcat(), dense(1)",
      "dense(4), fanout(1), faninsum(), relu(), dense(1)",
      "dense(4), relu(), dense(1)"})
  void independentBranchesHaveExactKernels(String spec) {
    Architecture.parse(spec).requireExactKernel();
  }

  static Stream<Arguments> correlatedFanIns() {
    return Stream.of(
        Arguments.of(SpecParserTest.ISSUE_EXAMPLE, "faninsum", 2, "sum"),
        Arguments.of("dense(4), fanout(2), faninsum()", "faninsum", 2, "sum"),
        Arguments.of("dense(4), fanout(3), parallel(identity(), relu(), dense(4)), faninsum()",
            "faninsum", 2, "sum"),
        Arguments.of("dense(4), fanout(2), parallel(relu(), erf()), faninprod()", "faninprod", 2,
            "product"),
        Arguments.of("dense(4), fanout(3), faninprod()", "faninprod", 3, "product"),
        Arguments.of("dense(4), fanout(2), parallel(serial(fanout(2), parallel(dense(4), relu()),"
            + " faninsum()), relu()), faninsum()", "faninsum", 2, "sum"));
  }

  @ParameterizedTest(name = "correlated: {0}")
  @MethodSource("correlatedFanIns")
  void correlatedBranchesHaveNoExactKernel(String spec, String fanIn, int shared, String op) {
    Architecture a = Architecture.parse(spec);
    ArchitectureException e = assertThrows(ArchitectureException.class, a::requireExactKernel);
    assertEquals(fanIn + "() combines " + shared + " branches that do not end in a dense layer "
        + "of their own, so they are correlated and the infinite-width kernel of their " + op
        + " is not the combination of theirs; end all but one branch with a dense(...) layer, "
        + "or use faninconcat()", e.getMessage());
  }

  @Test
  void layersAndEquality() {
    Architecture a = Architecture.parse("dense(3), relu(), dense(1)");
    assertEquals(3, a.layers().size());
    assertEquals(Stax.relu(), a.layers().get(1));
    assertEquals(1, Architecture.parse("dense(3)").layers().size());
    assertFalse(a.equals(Architecture.parse("dense(3), relu(), dense(2)")));
    assertFalse(Stax.leakyRelu(0.1).equals(Stax.leakyRelu(0.2)));
    assertFalse(Stax.sin(1, 1, 0).equals(Stax.cos(1, 1, 0)));
  }
}
