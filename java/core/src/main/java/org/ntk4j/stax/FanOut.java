package org.ntk4j.stax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Copies one branch into n identical branches. */
public final class FanOut extends Layer {
  private final int branches;

  public FanOut(int branches) {
    if (branches < 1) {
      throw new ArchitectureException("fanout: the number of branches must be >= 1, got "
          + branches);
    }
    this.branches = branches;
  }

  public int branches() {
    return branches;
  }

  @Override
  public String spec() {
    return "fanout(" + branches + ")";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    return Collections.nCopies(branches, single(in, "fanout"));
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.fanOut(this, in);
  }

  /** Copies of one branch share their source; a single copy is the branch itself. */
  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    return branches == 1 ? in : Collections.nCopies(branches, false);
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    KernelBlock k = single(in);
    List<KernelBlock> out = new ArrayList<>(branches);
    out.add(k);
    for (int i = 1; i < branches; i++) {
      out.add(k.copy());
    }
    return out;
  }
}
