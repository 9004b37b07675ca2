package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/**
 * The first-order Taylor expansion of a network around θ₀ (Lee et al. 2019, eq. 6):
 * f_lin(θ, x) = f(θ₀, x) + J(θ₀, x)·(θ − θ₀). Its Jacobian is J(θ₀) for every θ, so gradient
 * descent on it follows the kernel dynamics with the empirical NTK at initialization.
 *
 * <p>The forward pass at θ₀ of the last input seen is kept, so full-batch training evaluates the
 * network at θ₀ once and then costs one tangent and one backward pass per step.
 */
public final class LinearizedNetwork implements Model {
  private final FiniteNetwork net;
  private final Params theta0;
  private Matrix lastInput;
  private ForwardPass lastPass;

  public LinearizedNetwork(FiniteNetwork net, Params theta0) {
    this.net = net;
    this.theta0 = theta0.copy();
  }

  @Override
  public Evaluation evaluate(Params theta, Matrix x) {
    ForwardPass pass0 = passAtExpansionPoint(x);
    Matrix out = net.jvp(pass0, theta.minus(theta0));
    Elementwise.addInPlace(out, pass0.output());
    return new Evaluation() {
      @Override
      public Matrix output() {
        return out;
      }

      @Override
      public Params pullback(Matrix g) {
        return net.gradient(pass0, g);
      }
    };
  }

  private synchronized ForwardPass passAtExpansionPoint(Matrix x) {
    if (x != lastInput) {
      lastPass = net.forward(theta0, x);
      lastInput = x;
    }
    return lastPass;
  }
}
