package org.ntk4j.empirical;

import java.util.Collections;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Adds the branches; every branch receives the whole gradient. */
final class FanInSumNode extends Node {
  FanInSumNode(int id) {
    super(id);
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    pass.put(this, in.size());
    return List.of(Elementwise.sum(in));
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    int branches = pass.get(this);
    return Collections.nCopies(branches, gradOut.get(0));
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    return Collections.singletonList(Elementwise.sumOrNull(dIn));
  }
}
