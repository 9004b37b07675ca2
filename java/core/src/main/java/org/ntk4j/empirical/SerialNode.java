package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Children one after another; the backward pass runs them in reverse. */
final class SerialNode extends Node {
  private final List<Node> children;

  SerialNode(int id, List<Node> children) {
    super(id);
    this.children = List.copyOf(children);
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    List<Matrix> x = in;
    for (Node c : children) {
      x = c.forward(theta, x, pass);
    }
    return x;
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    List<Matrix> g = gradOut;
    for (int i = children.size() - 1; i >= 0; i--) {
      g = children.get(i).backward(theta, g, pass, sink);
    }
    return g;
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    List<Matrix> t = dIn;
    for (Node c : children) {
      t = c.tangent(theta, dTheta, t, pass);
    }
    return t;
  }
}
