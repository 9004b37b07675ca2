package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * Kernels whose values leave the precision's range are refused, in every backend, naming the
 * first bad entry (from 1) and the layer where it overflowed; they used to come back as Inf or
 * NaN without a word.
 */
class FiniteOrRefusedTest {
  static Stream<TestedBackend> backends() {
    return TestedBackend.all().stream();
  }

  private static String refusal(TestedBackend tested, String spec, Matrix x) {
    Architecture a = Architecture.parse(spec);
    try (KernelBackend backend = tested.open()) {
      return assertThrows(NonFiniteKernelException.class,
          () -> backend.compute(KernelRequest.symmetric(a, x)), tested + " " + spec)
          .getMessage();
    }
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void hugeWeightsAreRefusedNamingTheLayer(TestedBackend tested) {
    Matrix x = TestMatrices.gaussian(5, 3, 1);
    assertContains(refusal(tested, "dense(4, w_std=1e200), relu(), dense(1)", x),
        "of X1 row 1 with itself", "overflows in layer 1 of 3, dense(4, w_std=1.0E200)");
    assertContains(refusal(tested, "dense(4), erf(1, 1e300, 0), dense(1)", x),
        "layer 2 of 3, erf(1, 1.0E300, 0)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void inputsWhoseVariancesOverflowAreRefused(TestedBackend tested) {
    Matrix x = TestMatrices.gaussian(5, 3, 2);
    x.set(2, 1, 1e200);
    assertContains(refusal(tested, "dense(4), relu(), dense(1)", x),
        "of X1 row 3 with itself", "the inputs' variances");
  }

  /** Values fine in float64 but beyond float32's range: refused only in float32. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void float32OverflowIsRefusedOnlyInFloat32(TestedBackend tested) {
    Matrix x = TestMatrices.gaussian(5, 3, 3);
    String spec = "dense(4, w_std=1e12), relu(), dense(1, w_std=1e12)";
    if (tested.precision() == Precision.FLOAT32) {
      assertContains(refusal(tested, spec, x), "float32 overflows in layer 3 of 3",
          "--precision float64");
    } else {
      try (KernelBackend backend = tested.open()) {
        Kernels k = backend.compute(KernelRequest.symmetric(Architecture.parse(spec), x));
        KernelAssertions.assertFinite(tested.name(), k.ntk().toDoubleArray());
      }
    }
  }
}
