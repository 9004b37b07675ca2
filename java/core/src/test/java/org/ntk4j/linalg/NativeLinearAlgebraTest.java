package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;

import org.ntk4j.Precision;

/** The contract on native OpenBLAS in float64 (the natives ship with the build: they must load). */
class NativeLinearAlgebraTest extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    return assertInstanceOf(NativeLinearAlgebra.class, HostLinearAlgebra.open(Precision.FLOAT64),
        HostLinearAlgebra.describe());
  }

  /** The blocked Cholesky (used past n = 16384) on small blocks: the same factor, the same failure. */
  @Test
  void blockedCholeskyMatchesOnePotrf() {
    NativeLinearAlgebra blocked = new NativeLinearAlgebra(Precision.FLOAT64, "test", 7);
    NativeLinearAlgebra whole = (NativeLinearAlgebra) HostLinearAlgebra.open(Precision.FLOAT64);
    Matrix a = spd(53, 44);
    assertTrue(blocked.cholesky(a).relativeError(whole.cholesky(a)) < 1e-14);
    Matrix bad = a.copy();
    bad.set(30, 30, -1);
    NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
        () -> blocked.choleskyInPlace(bad));
    assertEquals(whole.eigenvalues(bad, 0, 1)[0], e.smallestEigenvalue(), 1e-12);
  }

  @Test
  void operandsPastWhatOneLapackCallIndexesAreRefusedNotPassedDown() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> NativeLinearAlgebra.requireIndexable(46_341, 46_341, "a Cholesky factorization"));
    assertTrue(e.getMessage().contains("46341x46341") && e.getMessage().contains("n ≤ 46340"),
        e.getMessage());
    NativeLinearAlgebra.requireIndexable(46_340, 46_340, "a Cholesky factorization");
    assertTrue(NativeLinearAlgebra.syevdWorkIndexable(32_766));
    assertFalse(NativeLinearAlgebra.syevdWorkIndexable(32_767));
  }
}
