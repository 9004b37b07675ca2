package org.ntk4j.stax;

import java.util.List;

/**
 * Multiplies branches elementwise: Σ = ΠΣᵢ for the NNGP and the variances, and the NTK by the
 * product rule Θ = Σᵢ Θᵢ·Πⱼ≠ᵢ Σⱼ. The product is not Gaussian.
 */
public final class FanInProd extends FanIn {

  @Override
  String name() {
    return "faninprod";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    checkBranches(in, true);
    return List.of(new Signal(in.get(0).width(), false));
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.fanInProd(this, in);
  }

  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    return independentBranches(in, "product");
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    KernelBlock first = in.get(0);
    if (first.ntk != null) {
      productRule(in, k -> k.nngp, k -> k.ntk, first.nngp.length);
    }
    productRule(in, k -> k.var1, k -> k.ntkDiag1, first.var1.length);
    productRule(in, k -> k.var2, k -> k.ntkDiag2, first.var2.length);
    for (int b = 1; b < in.size(); b++) {
      multiply(first.nngp, in.get(b).nngp);
      multiply(first.var1, in.get(b).var1);
      multiply(first.var2, in.get(b).var2);
    }
    return List.of(first);
  }

  /** Writes Σᵢ Θᵢ·Πⱼ≠ᵢ Σⱼ into the first branch's Θ array (before Σ is overwritten). */
  private static void productRule(List<KernelBlock> in,
      java.util.function.Function<KernelBlock, double[]> sigma,
      java.util.function.Function<KernelBlock, double[]> theta, int n) {
    double[] out = new double[n];
    for (int i = 0; i < in.size(); i++) {
      double[] term = theta.apply(in.get(i)).clone();
      for (int j = 0; j < in.size(); j++) {
        if (j != i) {
          multiply(term, sigma.apply(in.get(j)));
        }
      }
      for (int e = 0; e < n; e++) {
        out[e] += term[e];
      }
    }
    System.arraycopy(out, 0, theta.apply(in.get(0)), 0, n);
  }

  private static void multiply(double[] into, double[] x) {
    for (int i = 0; i < into.length; i++) {
      into[i] *= x[i];
    }
  }
}
