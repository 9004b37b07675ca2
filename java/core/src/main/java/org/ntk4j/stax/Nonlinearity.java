package org.ntk4j.stax;

import java.util.List;

/**
 * An elementwise nonlinearity φ. Its infinite-width kernel is a Gaussian expectation over
 * (u, v) ~ N(0, [[q11, q12], [q12, q22]]): Σ′ = E[φ(u)φ(v)], and the NTK transforms as
 * Θ′ = Σ̇·Θ with Σ̇ = E[φ′(u)φ′(v)] (Jacot et al. 2018). Subclasses give these in closed form,
 * or by quadrature for a user's φ ({@link ElementwiseNumerical}).
 */
public abstract class Nonlinearity extends Layer {

  /**
   * Writes Σ′ = E[φ(u)φ(v)] to {@code out[0]} and Σ̇ = E[φ′(u)φ′(v)] to {@code out[1]}.
   * Must be finite for every valid covariance, including zero variances.
   */
  public abstract void expectations(double q11, double q22, double q12, double[] out);

  /**
   * The same expectations on the devices: the function of the shared C header that mirrors
   * {@link #expectations} operation for operation, with this layer's constants.
   */
  public abstract ExpectationFunction expectationFunction();

  /** E[φ(u)²] for u ~ N(0, q): the new variance on the diagonal; here the pair formula. */
  public double variance(double q) {
    double[] out = new double[2];
    expectations(q, q, q, out);
    return out[0];
  }

  /** E[φ′(u)²] for u ~ N(0, q): the NTK factor on the diagonal. */
  public double derivativeVariance(double q) {
    double[] out = new double[2];
    expectations(q, q, q, out);
    return out[1];
  }

  /** φ(x), for finite networks and Monte Carlo checks. */
  public abstract double phi(double x);

  /** φ′(x) (almost everywhere), for backpropagation in finite networks. */
  public abstract double derivative(double x);

  @Override
  public final List<Signal> propagate(List<Signal> in) {
    Signal s = single(in, name());
    if (!s.gaussian()) {
      throw new ArchitectureException(
          name() + "() needs Gaussian inputs: put a dense(...) layer before it");
    }
    return List.of(new Signal(s.width(), false));
  }

  /** The layer name in specs. */
  protected abstract String name();

  @Override
  public final <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.nonlinearity(this, in);
  }

  /** Its output mixes its input's sources, so it is not independent of them. */
  @Override
  final List<Boolean> ownDense(List<Boolean> in) {
    return List.of(false);
  }

  @Override
  public final List<KernelBlock> kernel(List<KernelBlock> in) {
    KernelBlock k = single(in);
    double[] e = new double[2];
    for (int i = 0; i < k.rows; i++) {
      double q11 = k.var1[i];
      int row = i * k.cols;
      for (int j = 0; j < k.cols; j++) {
        expectations(q11, k.var2[j], k.nngp[row + j], e);
        k.nngp[row + j] = e[0];
        if (k.ntk != null) {
          k.ntk[row + j] *= e[1];
        }
      }
    }
    transformDiagonal(k.var1, k.ntkDiag1);
    transformDiagonal(k.var2, k.ntkDiag2);
    return List.of(k);
  }

  /**
   * The diagonals by the pair formula itself at (q, q, q), not by {@link #variance}: then a
   * self-pair whose q12 equals q11 bitwise stays equal after the layer. A 1-ulp gap would give
   * θ ≈ √(2·ulp) ≈ 1e-8 at the next arc-cosine layer, and layers whose Σ′ is linear in θ
   * (sign, rectifiedmonomial(0)) widen it to √ of itself per layer (1e-8, 1e-4, 1e-2, ...).
   */
  private void transformDiagonal(double[] var, double[] ntkDiag) {
    double[] e = new double[2];
    for (int i = 0; i < var.length; i++) {
      expectations(var[i], var[i], var[i], e);
      ntkDiag[i] *= e[1];
      var[i] = e[0];
    }
  }

  /** s = √max(q11·q22 − q12², 0) and θ = atan2(s, q12), the angle between the two inputs. */
  static double angle(double q11, double q22, double q12) {
    double s = Math.sqrt(Math.max(q11 * q22 - q12 * q12, 0.0));
    return (s == 0.0 && q12 == 0.0) ? Math.PI / 2 : Angles.atan2(s, q12);
  }
}
