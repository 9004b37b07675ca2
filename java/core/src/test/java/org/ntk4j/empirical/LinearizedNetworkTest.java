package org.ntk4j.empirical;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.stax.Architecture;

class LinearizedNetworkTest {
  private static final Architecture ARCH = Architecture.parse(
      "dense(40, w_std=1.5, b_std=0.1), erf(), dense(30, w_std=1.5, b_std=0.1), relu(), "
          + "dense(3, w_std=1.2, b_std=0.2)");

  /**
   * Gradient descent on the linearization is the kernel dynamics with the empirical NTK (Lee et
   * al. 2019, discrete form): f_k(X) = y + V(1 − ηλ/N)^k Vᵀ(f₀(X) − y) and
   * f_k(x) = f₀(x) + Θ(x, X)·V·diag((1 − (1 − ηλ/N)^k)/λ)·Vᵀ(y − f₀(X)), N = y.size.
   */
  @Test
  void gradientDescentOnTheLinearizationEqualsTheKernelClosedForm() {
    FiniteNetwork net = FiniteNetwork.of(ARCH, 5);
    Params theta0 = net.initialize(17);
    Matrix x = TestData.gaussian(8, 5, 1);
    Matrix y = TestData.gaussian(8, 3, 2);
    Matrix xTest = TestData.gaussian(5, 5, 3);
    double eta = 0.5;
    int steps = 60;
    LinearizedNetwork lin = new LinearizedNetwork(net, theta0);
    Params trained = new Trainer(lin, Loss.MSE, Optimizer.gradientDescent(eta))
        .train(theta0, x, y, steps);
    Matrix fTrain = lin.apply(trained, x);
    Matrix fTest = lin.apply(trained, xTest);

    Matrix theta = EmpiricalKernels.ntkFull(net, theta0, x, null);
    Matrix thetaTest = EmpiricalKernels.ntkFull(net, theta0, xTest, x);
    SymmetricEigen eig = new JavaLinearAlgebra().eigh(theta);
    Matrix v = eig.vectors();
    int m = theta.rows();
    double n = m;
    Matrix r0 = column(net.apply(theta0, x).data(), y.data(), -1);
    Matrix coordinates = v.transpose();
    double[] c = mult(coordinates, r0).data();
    double[] decayed = new double[m];
    double[] integrated = new double[m];
    for (int i = 0; i < m; i++) {
      double factor = Math.pow(1 - eta * eig.values()[i] / n, steps);
      decayed[i] = factor * c[i];
      integrated[i] = -(1 - factor) / eig.values()[i] * c[i];
    }
    Matrix expectedTrain = column(mult(v, new Matrix(m, 1, decayed)).data(), y.data(), 1);
    Matrix expectedTest = column(net.apply(theta0, xTest).data(),
        mult(thetaTest, mult(v, new Matrix(m, 1, integrated))).data(), 1);
    assertTrue(fTrain.relativeError(net.apply(theta0, x)) > 0.1, "training moved the outputs");
    assertTrue(column(fTrain.data(), null, 0).relativeError(expectedTrain) < 1e-9);
    assertTrue(column(fTest.data(), null, 0).relativeError(expectedTest) < 1e-9);
  }

  /**
   * With momentum the linearization follows u ← μu + Θr/N, f ← f − ηu in output space, where
   * r = f(X) − y: the kernel form of the heavy-ball update.
   */
  @Test
  void momentumOnTheLinearizationFollowsTheKernelRecursion() {
    FiniteNetwork net = FiniteNetwork.of(ARCH, 5);
    Params theta0 = net.initialize(4);
    Matrix x = TestData.gaussian(6, 5, 5);
    Matrix y = TestData.gaussian(6, 3, 6);
    Matrix xTest = TestData.gaussian(3, 5, 7);
    double eta = 0.3;
    double mu = 0.8;
    int steps = 40;
    LinearizedNetwork lin = new LinearizedNetwork(net, theta0);
    Params trained = new Trainer(lin, Loss.MSE, Optimizer.gradientDescent(eta).withMomentum(mu))
        .train(theta0, x, y, steps);

    Matrix theta = EmpiricalKernels.ntkFull(net, theta0, x, null);
    Matrix thetaTest = EmpiricalKernels.ntkFull(net, theta0, xTest, x);
    double[] f = net.apply(theta0, x).data().clone();
    double[] fTest = net.apply(theta0, xTest).data().clone();
    double[] u = new double[f.length];
    double[] uTest = new double[fTest.length];
    for (int s = 0; s < steps; s++) {
      Matrix r = column(f, y.data(), -1);
      double[] g = mult(theta, r).data();
      double[] gTest = mult(thetaTest, r).data();
      for (int i = 0; i < f.length; i++) {
        u[i] = mu * u[i] + g[i] / f.length;
        f[i] -= eta * u[i];
      }
      for (int i = 0; i < fTest.length; i++) {
        uTest[i] = mu * uTest[i] + gTest[i] / f.length;
        fTest[i] -= eta * uTest[i];
      }
    }
    assertTrue(lin.apply(trained, x).relativeError(new Matrix(6, 3, f)) < 1e-9);
    assertTrue(lin.apply(trained, xTest).relativeError(new Matrix(3, 3, fTest)) < 1e-9);
  }

  @Test
  void linearizationAgreesWithTheNetworkToFirstOrder() {
    FiniteNetwork net = FiniteNetwork.of(ARCH, 5);
    Params theta0 = net.initialize(8);
    Matrix x = TestData.gaussian(4, 5, 9);
    LinearizedNetwork lin = new LinearizedNetwork(net, theta0);
    Params dir = TestData.direction(net, 10);
    double previous = Double.POSITIVE_INFINITY;
    for (double eps : new double[] {1e-1, 1e-2, 1e-3}) {
      Params theta = theta0.copy().addScaled(dir, eps);
      double gap = lin.apply(theta, x).relativeError(net.apply(theta, x));
      assertTrue(gap < previous / 50, "second-order gap at eps " + eps + ": " + gap);
      previous = gap;
    }
  }

  /** (a + sign·b) as an N×1 column; b null means a alone. */
  private static Matrix column(double[] a, double[] b, double sign) {
    double[] d = a.clone();
    if (b != null) {
      for (int i = 0; i < d.length; i++) {
        d[i] += sign * b[i];
      }
    }
    return new Matrix(d.length, 1, d);
  }

  private static Matrix mult(Matrix a, Matrix b) {
    return Products.mult(a, b);
  }
}
