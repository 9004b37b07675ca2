package org.ntk4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * Zero-norm rows through the whole oracle: bias-free first layers give them zero variance, and
 * every nonlinearity must still give finite kernels, equal to the reference's.
 */
class OracleZeroNormTest {
  private static final Matrix X1 =
      OracleCases.withZeroRows(OracleCases.randomInputs(20, 5, 21), 0, 17);
  private static final Matrix X2 =
      OracleCases.withZeroRows(OracleCases.randomInputs(9, 5, 22), 3);

  static Stream<Arguments> specs() {
    return OracleCases.NONLINEARITIES.stream().flatMap(phi -> Stream.of(
        // zero variance into both nonlinearities (no bias before them)
        "dense(6, w_std=1.3), " + phi + ", dense(6, w_std=0.9), " + phi + ", dense(1)",
        // standard parameterization with b_std = 0: zero variance but a nonzero NTK (the bias
        // gradient), so the zero-variance NTK factor matters
        "dense(5, w_std=1.2, b_std=0, parameterization=standard), " + phi
            + ", dense(1, w_std=0.8, parameterization=standard)"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void zeroRowsGiveFiniteKernelsEqualToTheReference(String spec) {
    Architecture a = Architecture.parse(spec);
    Kernels general = new JavaBackend(2).compute(KernelRequest.of(a, X1, X2));
    Kernels symmetric = new JavaBackend(2).compute(KernelRequest.symmetric(a, X1));
    for (Kernels k : new Kernels[] {general, symmetric}) {
      for (double[] values : new double[][] {k.nngp().data(), k.ntk().data(), k.nngpDiag1(),
          k.ntkDiag1(), k.nngpDiag2(), k.ntkDiag2()}) {
        for (double v : values) {
          assertTrue(Double.isFinite(v), spec + " gives " + v);
        }
      }
    }
    OracleReferenceTest.assertMatches(ReferenceKernels.compute(a, X1, X2), general, spec);
    OracleReferenceTest.assertMatches(ReferenceKernels.compute(a, X1, X1), symmetric, spec);
  }

  /** Without biases a zero row's ReLU features are 0: its NNGP and NTK rows vanish. */
  @Test
  void reluNetworkGivesZeroKernelsForAZeroRow() {
    Architecture a = Architecture.parse(
        "dense(8, w_std=1.4), relu(), dense(8, w_std=1.4), relu(), dense(1, w_std=1.4)");
    Kernels k = new JavaBackend(2).compute(KernelRequest.symmetric(a, X1));
    for (int j = 0; j < X1.rows(); j++) {
      assertEquals(0.0, k.nngp().get(0, j));
      assertEquals(0.0, k.ntk().get(17, j));
    }
    assertEquals(0.0, k.nngpDiag1()[0]);
    assertEquals(0.0, k.ntkDiag1()[17]);
    assertTrue(k.nngp().get(1, 1) > 0);
  }
}
