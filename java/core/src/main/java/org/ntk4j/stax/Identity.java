package org.ntk4j.stax;

import java.util.List;

/** φ(x) = x: passes its branch through unchanged (a skip connection inside {@link Parallel}). */
public final class Identity extends Layer {

  @Override
  public String spec() {
    return "identity()";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    return List.of(single(in, "identity"));
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    return List.of(single(in));
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.identity(this, in);
  }

  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    return in;
  }
}
