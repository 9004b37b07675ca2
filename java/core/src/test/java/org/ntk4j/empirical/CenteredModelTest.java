package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

class CenteredModelTest {
  @Test
  void removesTheInitialOutputsAndKeepsTheGradients() {
    FiniteNetwork net = FiniteNetwork.of(Architecture.parse("dense(8), relu(), dense(2)"), 3);
    Params theta0 = net.initialize(1);
    Matrix x = TestData.gaussian(4, 3, 2);
    CenteredModel centered = new CenteredModel(Model.of(net), theta0);
    assertArrayEquals(new double[8], centered.apply(theta0, x).data(), 0.0);
    Params theta = theta0.copy().addScaled(TestData.direction(net, 3), 0.1);
    Matrix expected = net.apply(theta, x);
    Matrix f0 = net.apply(theta0, x);
    for (int i = 0; i < 8; i++) {
      expected.data()[i] -= f0.data()[i];
    }
    assertArrayEquals(expected.data(), centered.apply(theta, x).data(), 1e-12);
    Matrix g = TestData.gaussian(4, 2, 4);
    assertArrayEquals(Model.of(net).evaluate(theta, x).pullback(g).flatten(),
        centered.evaluate(theta, x).pullback(g).flatten(), 0.0);
  }
}
