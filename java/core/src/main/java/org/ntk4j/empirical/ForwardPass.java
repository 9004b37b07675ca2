package org.ntk4j.empirical;

import org.ntk4j.linalg.Matrix;

/**
 * A forward pass of a finite network on a batch: its output and what each node kept for the
 * backward (gradients) and tangent (linearization) passes at the same parameters.
 */
public final class ForwardPass {
  private final Params theta;
  private final Matrix input;
  private final Object[] slots;
  private Matrix output;

  ForwardPass(Params theta, Matrix input, int nodes) {
    this.theta = theta;
    this.input = input;
    this.slots = new Object[nodes];
  }

  /** The network's outputs, n × output width. */
  public Matrix output() {
    return output;
  }

  public Matrix input() {
    return input;
  }

  /** The parameters the pass was run at. */
  public Params parameters() {
    return theta;
  }

  void setOutput(Matrix output) {
    this.output = output;
  }

  void put(Node node, Object value) {
    slots[node.id] = value;
  }

  @SuppressWarnings("unchecked")
  <T> T get(Node node) {
    return (T) slots[node.id];
  }
}
