package org.ntk4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.RegisteredNonlinearities;

/**
 * The oracle against {@link ReferenceKernels}, an independent plain implementation of the same
 * formulas: NNGP, NTK and all four diagonals agree to 1e-12 relative error for every layer kind
 * and combinator, for X1 against X2 and X1 against itself, on several row counts.
 */
class OracleReferenceTest {
  static final double TOLERANCE = 1e-12;
  private static final Matrix X1 = OracleCases.randomInputs(37, 6, 1);
  private static final Matrix X2 = OracleCases.randomInputs(21, 6, 2);

  @Test
  void everyRegisteredNonlinearityIsChecked() {
    RegisteredNonlinearities.assertAllUsedIn("OracleCases.NONLINEARITIES",
        OracleCases.NONLINEARITIES);
  }

  static Stream<Arguments> specs() {
    return OracleCases.allSpecs().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "X1 against X2: {0}")
  @MethodSource("specs")
  void generalMatchesReference(String spec) {
    Architecture a = Architecture.parse(spec);
    Kernels k = new JavaBackend(2).compute(KernelRequest.of(a, X1, X2));
    assertMatches(ReferenceKernels.compute(a, X1, X2), k, spec);
  }

  @ParameterizedTest(name = "X1 against itself: {0}")
  @MethodSource("specs")
  void symmetricMatchesReference(String spec) {
    Architecture a = Architecture.parse(spec);
    Kernels k = new JavaBackend(2).compute(KernelRequest.symmetric(a, X1));
    assertMatches(ReferenceKernels.compute(a, X1, X1), k, spec);
  }

  /** Row counts around the row block (16): one row, a partial block, exact and ragged ends. */
  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {1, 2, 15, 16, 17, 33, 50})
  void rowCountsAroundTheBlockSize(int n) {
    Architecture a = Architecture.parse(OracleCases.STRUCTURES.get(0));
    Matrix x = OracleCases.randomInputs(n, 9, 100 + n);
    Matrix y = OracleCases.randomInputs(Math.max(1, n / 2 + 1), 9, 200 + n);
    assertMatches(ReferenceKernels.compute(a, x, x),
        new JavaBackend(3).compute(KernelRequest.symmetric(a, x)), "symmetric n=" + n);
    assertMatches(ReferenceKernels.compute(a, x, y),
        new JavaBackend(3).compute(KernelRequest.of(a, x, y)), "general n=" + n);
  }

  /** Asking for only one kernel gives the same values as asking for both. */
  @ParameterizedTest(name = "one kernel only: {0}")
  @ValueSource(ints = {0, 5, 6})
  void nngpOnlyAndNtkOnly(int structure) {
    Architecture a = Architecture.parse(OracleCases.STRUCTURES.get(structure));
    ReferenceKernels.Branch ref = ReferenceKernels.compute(a, X1, X2);
    Kernels nngp = new JavaBackend(2).compute(new KernelRequest(a, X1, X2, true, false));
    Kernels ntk = new JavaBackend(2).compute(new KernelRequest(a, X1, X2, false, true));
    assertEquals(null, nngp.ntk());
    assertEquals(null, ntk.nngp());
    assertTrue(nngp.nngp().relativeError(ref.nngpMatrix()) <= TOLERANCE);
    assertTrue(ntk.ntk().relativeError(ref.ntkMatrix()) <= TOLERANCE);
  }

  static void assertMatches(ReferenceKernels.Branch ref, Kernels k, String what) {
    assertSmall(k.nngp().relativeError(ref.nngpMatrix()), what + ": NNGP");
    assertSmall(k.ntk().relativeError(ref.ntkMatrix()), what + ": NTK");
    assertSmall(relativeError(k.nngpDiag1(), ref.var1), what + ": NNGP diagonal of X1");
    assertSmall(relativeError(k.ntkDiag1(), ref.ntk1), what + ": NTK diagonal of X1");
    assertSmall(relativeError(k.nngpDiag2(), ref.var2), what + ": NNGP diagonal of X2");
    assertSmall(relativeError(k.ntkDiag2(), ref.ntk2), what + ": NTK diagonal of X2");
  }

  private static void assertSmall(double error, String what) {
    assertTrue(error <= TOLERANCE, what + " differs from the reference by " + error);
  }

  static double relativeError(double[] actual, double[] expected) {
    return new Matrix(1, actual.length, actual)
        .relativeError(new Matrix(1, expected.length, expected));
  }
}
