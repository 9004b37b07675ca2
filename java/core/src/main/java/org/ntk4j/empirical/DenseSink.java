package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/**
 * Receives, during a backward pass, each dense layer's input a (n × n_in) and the gradient of the
 * loss with respect to its pre-activations z = wScale·a·W + bScale·b (n × n_out). Parameter
 * gradients and the Gram-identity NTK are both built from these two matrices.
 */
@FunctionalInterface
public interface DenseSink {
  void accept(DenseLayer layer, Matrix input, Matrix preActivationGradient);
}
