package org.ntk4j.stax;

import java.util.List;

/**
 * Concatenates branches along the channel axis: the kernel of the concatenation is the
 * width-weighted average of the branches' kernels, Σ = Σᵢ nᵢΣᵢ / Σᵢ nᵢ (and likewise Θ).
 */
public final class FanInConcat extends FanIn {

  @Override
  String name() {
    return "faninconcat";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    checkBranches(in, false);
    int total = 0;
    for (Signal s : in) {
      if (s.width() == Signal.UNKNOWN_WIDTH) {
        return List.of(new Signal(Signal.UNKNOWN_WIDTH, false));
      }
      total += s.width();
    }
    boolean gaussian = in.stream().allMatch(Signal::gaussian);
    return List.of(new Signal(total, gaussian));
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.fanInConcat(this, in);
  }

  /** Averages per channel and needs no cross terms, so it accepts any branches. */
  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    return List.of(!in.contains(false));
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    double total = 0;
    for (KernelBlock k : in) {
      total += k.width;
    }
    KernelBlock out = in.get(0);
    double w0 = out.width / total;
    scale(out.nngp, w0);
    scale(out.var1, w0);
    scale(out.var2, w0);
    scale(out.ntkDiag1, w0);
    scale(out.ntkDiag2, w0);
    if (out.ntk != null) {
      scale(out.ntk, w0);
    }
    for (int b = 1; b < in.size(); b++) {
      KernelBlock k = in.get(b);
      double w = k.width / total;
      addScaled(out.nngp, k.nngp, w);
      addScaled(out.var1, k.var1, w);
      addScaled(out.var2, k.var2, w);
      addScaled(out.ntkDiag1, k.ntkDiag1, w);
      addScaled(out.ntkDiag2, k.ntkDiag2, w);
      if (out.ntk != null) {
        addScaled(out.ntk, k.ntk, w);
      }
    }
    return List.of(out.withWidth((int) total));
  }

  private static void scale(double[] x, double w) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= w;
    }
  }

  private static void addScaled(double[] into, double[] x, double w) {
    for (int i = 0; i < into.length; i++) {
      into[i] += w * x[i];
    }
  }
}
