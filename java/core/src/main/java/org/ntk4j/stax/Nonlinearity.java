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

  /** θ = atan2(s, q12) with s = {@link #sine}, the angle between the two inputs. */
  static double angle(double q11, double q22, double q12) {
    return angle(sine(q11, q22, q12), q12);
  }

  /** θ = atan2(s, q12) for s = {@link #sine}(q11, q22, q12); π/2 when both are 0. */
  static double angle(double s, double q12) {
    return (s == 0.0 && q12 == 0.0) ? Math.PI / 2 : Angles.atan2(s, q12);
  }

  /**
   * s = √max(q11·q22 − q12², 0). Where q11·q22 is far from the ends of the range, directly;
   * elsewhere the three are first scaled by 1/m, m = max(q11, q22), so the products neither
   * overflow nor underflow for any finite variances (q ≈ 1e160 squares past float64's range).
   * Either way an input paired with itself (q11 = q22 = q12) gets s = 0 exactly: the pair and
   * the diagonal take the same branch, and equal values scale to equal values. Non-finite
   * variances give NaN.
   */
  static double sine(double q11, double q22, double q12) {
    double p = q11 * q22;
    if (p > 0x1p-60 && p < 0x1p60) {
      // Far from both ends of the range (float32's too; |q12|² ≤ p): the products as they
      // are. The scaled form below costs a division on this hot path (~25% of a ReLU kernel).
      return Math.sqrt(Math.max(p - q12 * q12, 0.0));
    }
    double m = Math.max(q11, q22);
    double r = m > 0 ? 1 / m : 0.0;
    double a = q11 * r;
    double b = q22 * r;
    double c = q12 * r;
    return m * Math.sqrt(Math.max(a * b - c * c, 0.0));
  }

  /**
   * √(a + q11·q22 − q12²) for a ≥ 0: the roots of erf's and gelu's determinants
   * (1 + u11)(1 + u22) − u12² = 1 + u11 + u22 + (u11·u22 − u12²), a sum of non-negative terms
   * that does not cancel when u is large (callers add u11 + u22 first: the sum is then
   * symmetric in the two inputs bit for bit). At the ends of the range: as √(a + s²), s =
   * {@link #sine}, without an overflowing s².
   */
  static double rootPlusDeterminant(double a, double q11, double q22, double q12) {
    double p = q11 * q22;
    if (p > 0x1p-60 && p < 0x1p60) {
      return Math.sqrt(a + Math.max(p - q12 * q12, 0.0));
    }
    double s = sine(q11, q22, q12);
    double sum = a + s * s;
    return Double.isInfinite(sum) ? s * Math.sqrt(1 + a / s / s) : Math.sqrt(sum);
  }
}
