package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/**
 * A function f(θ, X) that can be trained: a finite network or its linearization. The trainer
 * needs only the outputs and the pull-back of an output gradient to the parameters.
 */
public interface Model {

  /** The outputs at θ on the rows of X, with their vector–Jacobian product. */
  Evaluation evaluate(Params theta, Matrix x);

  default Matrix apply(Params theta, Matrix x) {
    return evaluate(theta, x).output();
  }

  /** Outputs at one θ and X. */
  interface Evaluation {
    Matrix output();

    /** Jᵀg: dL/dθ for dL/df = g. */
    Params pullback(Matrix outputGradient);
  }

  /** The network itself as a model. */
  static Model of(FiniteNetwork net) {
    return (theta, x) -> {
      ForwardPass pass = net.forward(theta, x);
      return new Evaluation() {
        @Override
        public Matrix output() {
          return pass.output();
        }

        @Override
        public Params pullback(Matrix g) {
          return net.gradient(pass, g);
        }
      };
    };
  }
}
