package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Passes its branch through. */
final class IdentityNode extends Node {
  IdentityNode(int id) {
    super(id);
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    return in;
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    return gradOut;
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    return dIn;
  }
}
