package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

class EmpiricalKernelsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "dense(9, w_std=1.4, b_std=0.3), relu(), dense(7, w_std=1.2, b_std=0.1), erf(), dense(3)",
      "dense(9, w_std=1.4, b_std=0.3, parameterization=standard), gelu(), "
          + "dense(3, w_std=0.8, b_std=0.5, parameterization=standard)",
      "dense(8, w_std=1.3, b_std=0.2), sin(), fanout(2), parallel(serial(dense(6), relu()), "
          + "dense(6, b_std=0.4)), faninprod(), dense(2, w_std=1.1, b_std=0.05)",
      "dense(8), abs(), fanout(3), parallel(identity(), serial(dense(8, w_std=2), rbf(0.5)), "
          + "dense(4)), faninconcat(), dense(2, b_std=0.1)",
      "dense(6), monomial(2), fanout(2), parallel(identity(), dense(6, b_std=1)), faninsum()"})
  void gramIdentityEqualsJacobianContraction(String spec) {
    Architecture arch = Architecture.parse(spec);
    FiniteNetwork net = FiniteNetwork.of(arch, 5);
    Params theta = net.initialize(7);
    Matrix x1 = TestData.gaussian(4, 5, 1);
    Matrix x2 = TestData.gaussian(3, 5, 2);
    Matrix byJacobian = EmpiricalKernels.ntkByJacobian(net, theta, x1, x2);
    Matrix full = EmpiricalKernels.ntkFull(net, theta, x1, x2);
    assertTrue(full.relativeError(byJacobian) < 1e-10, spec + ": " + full.relativeError(
        byJacobian));
    Matrix averaged = EmpiricalKernels.ntk(net, theta, x1, x2);
    int k = net.outputWidth();
    Matrix expected = Matrix.zeros(4, 3);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += byJacobian.get(i * k + c, j * k + c);
        }
        expected.set(i, j, s / k);
      }
    }
    assertTrue(averaged.relativeError(expected) < 1e-10, spec);
    Matrix symmetric = EmpiricalKernels.ntkFull(net, theta, x1, null);
    assertTrue(symmetric.relativeError(EmpiricalKernels.ntkByJacobian(net, theta, x1, x1))
        < 1e-10);
  }

  @Test
  void nngpIsTheReadoutKernelOfThePenultimateFeatures() {
    Architecture arch = Architecture.parse("dense(5, w_std=1.5), relu(), dense(2, w_std=1.3, "
        + "b_std=0.4)");
    FiniteNetwork net = FiniteNetwork.of(arch, 3);
    Params theta = net.initialize(3);
    Matrix x = TestData.gaussian(2, 3, 4);
    Matrix h = FiniteNetwork.of(Architecture.parse("dense(5, w_std=1.5), relu()"), 3)
        .apply(theta, x);
    double dot = 0;
    for (int u = 0; u < 5; u++) {
      dot += h.get(0, u) * h.get(1, u);
    }
    assertEquals(1.69 * dot / 5 + 0.16, EmpiricalKernels.nngp(net, theta, x, null).get(0, 1),
        1e-12);
  }

  @Test
  void nngpWithoutDenseReadoutIsTheOutputCovariance() {
    Architecture arch = Architecture.parse("dense(4), erf()");
    FiniteNetwork net = FiniteNetwork.of(arch, 3);
    Params theta = net.initialize(3);
    Matrix x = TestData.gaussian(2, 3, 4);
    Matrix f = net.apply(theta, x);
    double dot = 0;
    for (int u = 0; u < 4; u++) {
      dot += f.get(0, u) * f.get(1, u);
    }
    assertEquals(dot / 4, EmpiricalKernels.nngp(net, theta, x, null).get(0, 1), 1e-12);
  }
}
