package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Concatenates branches along the channel (column) axis; gradients split back by columns. */
final class FanInConcatNode extends Node {
  FanInConcatNode(int id) {
    super(id);
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    int[] widths = new int[in.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = in.get(i).cols();
    }
    pass.put(this, widths);
    return List.of(concat(in, widths));
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    int[] widths = pass.get(this);
    Matrix g = gradOut.get(0);
    List<Matrix> parts = new ArrayList<>(widths.length);
    int at = 0;
    for (int w : widths) {
      Matrix p = Matrix.zeros(g.rows(), w);
      for (int r = 0; r < g.rows(); r++) {
        System.arraycopy(g.data(), r * g.cols() + at, p.data(), r * w, w);
      }
      parts.add(p);
      at += w;
    }
    return parts;
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    if (dIn.stream().allMatch(m -> m == null)) {
      return Collections.singletonList(null);
    }
    int[] widths = pass.get(this);
    int rows = dIn.stream().filter(m -> m != null).findFirst().orElseThrow().rows();
    List<Matrix> parts = new ArrayList<>(widths.length);
    for (int i = 0; i < widths.length; i++) {
      parts.add(dIn.get(i) != null ? dIn.get(i) : Matrix.zeros(rows, widths[i]));
    }
    return List.of(concat(parts, widths));
  }

  private static Matrix concat(List<Matrix> in, int[] widths) {
    int rows = in.get(0).rows();
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    Matrix out = Matrix.zeros(rows, total);
    int at = 0;
    for (int i = 0; i < widths.length; i++) {
      Matrix m = in.get(i);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(m.data(), r * widths[i], out.data(), r * total + at, widths[i]);
      }
      at += widths[i];
    }
    return out;
  }
}
