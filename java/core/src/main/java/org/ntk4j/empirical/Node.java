package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.linalg.Matrix;

/**
 * One position of the layer tree in a finite network, mapping branches (n × width matrices) to
 * branches. Each node has its own slot in a {@link ForwardPass} for what its backward and
 * tangent passes need; nodes never modify their inputs.
 */
abstract class Node {
  final int id;

  Node(int id) {
    this.id = id;
  }

  /** Forward pass at θ, recording in {@code pass} what the other passes need. */
  abstract List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass);

  /**
   * Backward pass: from dL/d(outputs) returns dL/d(inputs) and reports every dense layer's input
   * and pre-activation gradient to {@code sink}.
   */
  abstract List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass,
      DenseSink sink);

  /**
   * Forward-mode pass: the outputs' directional derivative when θ moves along {@code dTheta} and
   * the inputs along {@code dIn} (null entries mean zero; a null result means zero).
   */
  abstract List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass);
}
