package org.ntk4j.stax;

import java.util.List;

/** Adds branches: NNGP, NTK and diagonals add (independent branches of equal width). */
public final class FanInSum extends FanIn {

  @Override
  String name() {
    return "faninsum";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    checkBranches(in, true);
    boolean gaussian = in.stream().allMatch(Signal::gaussian);
    return List.of(new Signal(in.get(0).width(), gaussian));
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.fanInSum(this, in);
  }

  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    return independentBranches(in, "sum");
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    KernelBlock sum = in.get(0);
    for (int b = 1; b < in.size(); b++) {
      KernelBlock k = in.get(b);
      add(sum.nngp, k.nngp);
      if (sum.ntk != null) {
        add(sum.ntk, k.ntk);
      }
      add(sum.var1, k.var1);
      add(sum.var2, k.var2);
      add(sum.ntkDiag1, k.ntkDiag1);
      add(sum.ntkDiag2, k.ntkDiag2);
    }
    return List.of(sum);
  }

  private static void add(double[] into, double[] x) {
    for (int i = 0; i < into.length; i++) {
      into[i] += x[i];
    }
  }
}
