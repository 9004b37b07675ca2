package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Multiplies the branches elementwise; gradients and tangents by the product rule. */
final class FanInProdNode extends Node {
  FanInProdNode(int id) {
    super(id);
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    pass.put(this, List.copyOf(in));
    return List.of(productExcept(in, -1));
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    List<Matrix> in = pass.get(this);
    List<Matrix> gradIn = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      gradIn.add(Elementwise.multiply(gradOut.get(0), productExcept(in, i)));
    }
    return gradIn;
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    List<Matrix> in = pass.get(this);
    List<Matrix> terms = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (dIn.get(i) != null) {
        terms.add(Elementwise.multiply(dIn.get(i), productExcept(in, i)));
      }
    }
    return Collections.singletonList(Elementwise.sumOrNull(terms));
  }

  /** Π_{j≠skip} h_j (all branches when skip is −1; ones when nothing is left). */
  private static Matrix productExcept(List<Matrix> in, int skip) {
    Matrix p = null;
    for (int j = 0; j < in.size(); j++) {
      if (j != skip) {
        p = p == null ? in.get(j).copy() : Elementwise.multiply(p, in.get(j));
      }
    }
    if (p == null) {
      p = in.get(0).copy();
      java.util.Arrays.fill(p.data(), 1.0);
    }
    return p;
  }
}
