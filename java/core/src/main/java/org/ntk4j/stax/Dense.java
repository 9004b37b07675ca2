package org.ntk4j.stax;

import java.util.List;

/**
 * Fully-connected layer {@code dense(out_dim, w_std, b_std, parameterization)}.
 *
 * <p>Kernel (neural-tangents' Dense): Σ′ = σw²Σ + σb² for q12, q11 and q22. NTK parameterization:
 * Θ′ = Σ′ + σw²Θ. Standard parameterization: Θ′ = n_in·Σ + σw²Θ + [1 if there is a bias], where
 * n_in is the finite input width, so widths matter there.
 */
public final class Dense extends Layer {

  /** How weights are scaled: NTK (by 1/√n_in in the forward pass) or standard (in the init). */
  public enum Parameterization {
    NTK, STANDARD;

    public String specName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final int outDim;
  private final double wStd;
  private final Double bStd;
  private final Parameterization parameterization;

  /**
   * @param bStd the bias scale, or null for no bias (as neural-tangents' {@code b_std=None})
   */
  public Dense(int outDim, double wStd, Double bStd, Parameterization parameterization) {
    if (outDim < 1) {
      throw new ArchitectureException("dense: out_dim must be at least 1, got " + outDim);
    }
    if (!(wStd >= 0) || Double.isInfinite(wStd)) {
      throw new ArchitectureException("dense: w_std must be a finite number >= 0, got "
          + SpecFormat.num(wStd));
    }
    if (bStd != null && (!(bStd >= 0) || Double.isInfinite(bStd))) {
      throw new ArchitectureException("dense: b_std must be a finite number >= 0, got "
          + SpecFormat.num(bStd));
    }
    this.outDim = outDim;
    this.wStd = wStd;
    this.bStd = bStd;
    this.parameterization = parameterization;
  }

  public int outDim() {
    return outDim;
  }

  public double wStd() {
    return wStd;
  }

  /** The bias scale; 0 when there is no bias. */
  public double bStd() {
    return bStd == null ? 0.0 : bStd;
  }

  public boolean hasBias() {
    return bStd != null;
  }

  public Parameterization parameterization() {
    return parameterization;
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder("dense(").append(outDim)
        .append(", w_std=").append(SpecFormat.num(wStd));
    if (bStd != null) {
      s.append(", b_std=").append(SpecFormat.num(bStd));
    }
    if (parameterization != Parameterization.NTK) {
      s.append(", parameterization=").append(parameterization.specName());
    }
    return s.append(')').toString();
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    single(in, "dense");
    return List.of(new Signal(outDim, true));
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.dense(this, in);
  }

  /** Its output is zero-mean and driven by weights no other branch sees. */
  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    return List.of(true);
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    KernelBlock k = single(in);
    double w2 = wStd * wStd;
    double b2 = bStd() * bStd();
    if (k.hasNtk()) {
      if (parameterization == Parameterization.NTK) {
        for (int i = 0; i < k.nngp.length; i++) {
          double sigma = w2 * k.nngp[i] + b2;
          k.nngp[i] = sigma;
          k.ntk[i] = sigma + w2 * k.ntk[i];
        }
      } else {
        double nIn = k.width;
        double biasTerm = hasBias() ? 1.0 : 0.0;
        for (int i = 0; i < k.nngp.length; i++) {
          double sigma = k.nngp[i];
          k.ntk[i] = nIn * sigma + w2 * k.ntk[i] + biasTerm;
          k.nngp[i] = w2 * sigma + b2;
        }
      }
    } else {
      for (int i = 0; i < k.nngp.length; i++) {
        k.nngp[i] = w2 * k.nngp[i] + b2;
      }
    }
    affineDiagonal(k.var1, k.ntkDiag1, k.width, w2, b2);
    affineDiagonal(k.var2, k.ntkDiag2, k.width, w2, b2);
    return List.of(k.withWidth(outDim));
  }

  private void affineDiagonal(double[] var, double[] ntkDiag, int nIn, double w2, double b2) {
    for (int i = 0; i < var.length; i++) {
      double sigma = w2 * var[i] + b2;
      if (parameterization == Parameterization.NTK) {
        ntkDiag[i] = sigma + w2 * ntkDiag[i];
      } else {
        ntkDiag[i] = nIn * var[i] + w2 * ntkDiag[i] + (hasBias() ? 1.0 : 0.0);
      }
      var[i] = sigma;
    }
  }
}
