package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/**
 * A model minus its outputs at initialization, f(θ, x) − f(θ₀, x): the same gradients, but the
 * random initial function is removed, so under gradient descent a wide network's outputs follow
 * the infinite ensemble's mean (the NTK prediction from f₀ = 0) instead of one random draw
 * around it. The outputs at θ₀ of the last input seen are kept.
 */
public final class CenteredModel implements Model {
  private final Model model;
  private final Params theta0;
  private Matrix lastInput;
  private Matrix lastInitialOutput;

  public CenteredModel(Model model, Params theta0) {
    this.model = model;
    this.theta0 = theta0.copy();
  }

  @Override
  public Evaluation evaluate(Params theta, Matrix x) {
    Evaluation e = model.evaluate(theta, x);
    Matrix out = e.output().copy();
    Matrix initial = initialOutput(x);
    double[] d = out.data();
    for (int i = 0; i < d.length; i++) {
      d[i] -= initial.data()[i];
    }
    return new Evaluation() {
      @Override
      public Matrix output() {
        return out;
      }

      @Override
      public Params pullback(Matrix outputGradient) {
        return e.pullback(outputGradient);
      }
    };
  }

  private synchronized Matrix initialOutput(Matrix x) {
    if (x != lastInput) {
      lastInitialOutput = model.apply(theta0, x);
      lastInput = x;
    }
    return lastInitialOutput;
  }
}
