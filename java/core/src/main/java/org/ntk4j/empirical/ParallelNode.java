package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Branch i through child i; child i's outputs occupy a fixed run of the output branches. */
final class ParallelNode extends Node {
  private final List<Node> children;
  private final int[] outputCounts;

  ParallelNode(int id, List<Node> children, int[] outputCounts) {
    super(id);
    this.children = List.copyOf(children);
    this.outputCounts = outputCounts.clone();
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    List<Matrix> out = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      out.addAll(children.get(i).forward(theta, List.of(in.get(i)), pass));
    }
    return out;
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    List<Matrix> gradIn = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < children.size(); i++) {
      List<Matrix> g = gradOut.subList(at, at + outputCounts[i]);
      gradIn.addAll(children.get(i).backward(theta, g, pass, sink));
      at += outputCounts[i];
    }
    return gradIn;
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    List<Matrix> out = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      out.addAll(children.get(i).tangent(theta, dTheta, Arrays.asList(dIn.get(i)), pass));
    }
    return out;
  }
}
