package org.ntk4j.empirical;

import java.util.Collections;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Copies one branch into several; the copies' gradients add up on the way back. */
final class FanOutNode extends Node {
  private final int branches;

  FanOutNode(int id, int branches) {
    super(id);
    this.branches = branches;
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    return Collections.nCopies(branches, in.get(0));
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    return List.of(Elementwise.sum(gradOut));
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    return Collections.nCopies(branches, dIn.get(0));
  }
}
