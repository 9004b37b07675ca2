package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

class FiniteNetworkTest {

  /** Every nonlinearity with φ and φ′, between two dense layers of both parameterizations. */
  @ParameterizedTest
  @ValueSource(strings = {"relu()", "leakyrelu(0.1)", "abrelu(-0.3, 0.7)", "abs()", "erf()",
      "erf(1.2, 0.8, 0.1)", "sigmoidlike()", "gelu()", "sin()", "cos(1.1, 0.9, 0.2)", "rbf(0.7)",
      "sign()", "monomial(1)", "monomial(2)", "monomial(3)", "monomial(4)", "monomial(5)",
      "rectifiedmonomial(0)", "rectifiedmonomial(1)", "rectifiedmonomial(2)"})
  void gradientsAndTangentsMatchFiniteDifferences(String phi) {
    for (String par : List.of("ntk", "standard")) {
      Architecture arch = Architecture.parse("dense(7, w_std=1.3, b_std=0.2, parameterization="
          + par + "), " + phi + ", dense(6, w_std=0.9, b_std=0.1, parameterization=" + par
          + "), " + phi + ", dense(3, w_std=1.1, parameterization=" + par + ")");
      checkDerivatives(arch, 5);
    }
  }

  /** Every combinator: fan-out into parallel branches, then each kind of fan-in. */
  @ParameterizedTest
  @ValueSource(strings = {"faninsum()", "faninprod()", "faninconcat()"})
  void combinatorsDifferentiateCorrectly(String fanIn) {
    Architecture arch = Architecture.parse("dense(6, w_std=1.2, b_std=0.1), erf(), fanout(3), "
        + "parallel(serial(dense(5, w_std=1.5), gelu()), dense(5, b_std=0.3), "
        + "serial(identity(), dense(5, w_std=0.7), relu())), " + fanIn + ", dense(2)");
    checkDerivatives(arch, 4);
  }

  private static void checkDerivatives(Architecture arch, int d) {
    FiniteNetwork net = FiniteNetwork.of(arch, d);
    Params theta = net.initialize(11);
    Matrix x = TestData.gaussian(4, d, 3);
    Matrix g = TestData.gaussian(4, net.outputWidth(), 5);
    ForwardPass pass = net.forward(theta, x);
    Params grad = net.gradient(pass, g);
    for (long seed = 0; seed < 3; seed++) {
      Params v = TestData.direction(net, 100 + seed);
      double eps = 1e-6;
      Matrix plus = net.apply(theta.copy().addScaled(v, eps), x);
      Matrix minus = net.apply(theta.copy().addScaled(v, -eps), x);
      Matrix jv = net.jvp(pass, v);
      double[] fd = new double[jv.data().length];
      for (int i = 0; i < fd.length; i++) {
        fd[i] = (plus.data()[i] - minus.data()[i]) / (2 * eps);
      }
      double scale = 1 + Matrix.of(fd).frobeniusNorm();
      assertArrayEquals(fd, jv.data(), 1e-6 * scale, arch + ": J·v vs finite differences");
      double directional = TestData.sumProduct(g, jv);
      assertEquals(directional, grad.dot(v), 1e-9 * (1 + Math.abs(directional)),
          arch + ": <g, J·v> vs <Jᵀg, v>");
    }
  }

  @Test
  void ntkParameterizationScalesTheForwardPassAndNotTheInitialization() {
    Architecture arch = Architecture.parse("dense(2, w_std=2, b_std=0.5)");
    FiniteNetwork net = FiniteNetwork.of(arch, 4);
    Params theta = net.initialize(1);
    Matrix x = Matrix.of(new double[] {1, 2, 3, 4});
    double[] w = theta.tensor(0);
    double[] b = theta.tensor(1);
    double expected = 2 / Math.sqrt(4) * (1 * w[0] + 2 * w[2] + 3 * w[4] + 4 * w[6]) + 0.5 * b[0];
    assertEquals(expected, net.apply(theta, x).get(0, 0), 1e-12);
  }

  @Test
  void standardParameterizationDrawsScaledWeights() {
    Architecture arch = Architecture.parse("dense(500, w_std=2, b_std=0.5, "
        + "parameterization=standard)");
    FiniteNetwork net = FiniteNetwork.of(arch, 400);
    Params theta = net.initialize(2);
    assertEquals(4.0 / 400, meanSquare(theta.tensor(0)), 0.02 * 4.0 / 400);
    assertEquals(0.25, meanSquare(theta.tensor(1)), 0.06);
    Matrix x = TestData.gaussian(1, 400, 9);
    double manual = theta.tensor(1)[7];
    for (int i = 0; i < 400; i++) {
      manual += x.get(0, i) * theta.tensor(0)[i * 500 + 7];
    }
    assertEquals(manual, net.apply(theta, x).get(0, 7), 1e-12);
  }

  @Test
  void initializationIsReproducibleFromTheSeed() {
    FiniteNetwork net = FiniteNetwork.of(Architecture.parse("dense(8), relu(), dense(2)"), 3);
    assertArrayEquals(net.initialize(42).flatten(), net.initialize(42).flatten());
    assertTrue(net.initialize(42).minus(net.initialize(43)).norm() > 0);
  }

  @Test
  void repeatedLayerValuesGetTheirOwnParameters() {
    org.ntk4j.stax.Dense d = org.ntk4j.stax.Stax.dense(4, 1.0);
    FiniteNetwork net = FiniteNetwork.of(Architecture.of(org.ntk4j.stax.Stax.serial(d,
        org.ntk4j.stax.Stax.relu(), d)), 4);
    assertEquals(2, net.denseLayers().size());
    assertEquals(32, net.initialize(0).size());
  }

  @Test
  void refusesInputsOfTheWrongWidth() {
    FiniteNetwork net = FiniteNetwork.of(Architecture.parse("dense(3), relu(), dense(1)"), 5);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> net.apply(net.initialize(0), Matrix.zeros(2, 4)));
    assertTrue(e.getMessage().contains("4 columns"), e.getMessage());
  }

  private static double meanSquare(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s / v.length;
  }
}
