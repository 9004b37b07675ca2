package org.ntk4j.empirical;

import java.util.List;
import java.util.SplittableRandom;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Dense;

/**
 * A dense layer of a finite network, parameterized as neural-tangents' Dense:
 * NTK: z = (σw/√n_in)·a·W + σb·b with W, b ~ N(0, 1);
 * standard: z = a·W + b with W ~ N(0, σw²/n_in), b ~ N(0, σb²).
 * Either way z = wScale·a·W + bScale·b with W, b drawn as (initScale·N(0, 1)).
 */
public final class DenseLayer extends Node {
  private final Dense spec;
  private final int index;
  private final int nIn;
  private final int weightTensor;
  private final int biasTensor;
  private final double wScale;
  private final double bScale;

  DenseLayer(int id, int index, Dense spec, int nIn, int weightTensor, int biasTensor) {
    super(id);
    this.spec = spec;
    this.index = index;
    this.nIn = nIn;
    this.weightTensor = weightTensor;
    this.biasTensor = biasTensor;
    boolean ntk = spec.parameterization() == Dense.Parameterization.NTK;
    this.wScale = ntk ? spec.wStd() / Math.sqrt(nIn) : 1.0;
    this.bScale = ntk ? spec.bStd() : 1.0;
  }

  /** Position of this layer among the network's dense layers, in forward order. */
  public int index() {
    return index;
  }

  public Dense spec() {
    return spec;
  }

  public int inputWidth() {
    return nIn;
  }

  public int outputWidth() {
    return spec.outDim();
  }

  public boolean hasBias() {
    return biasTensor >= 0;
  }

  /** The factor multiplying a·W in the forward pass. */
  public double weightScale() {
    return wScale;
  }

  /** The factor multiplying b in the forward pass (meaningful only with a bias). */
  public double biasScale() {
    return bScale;
  }

  /** Draws W then b into θ. */
  void initialize(Params theta, SplittableRandom rng) {
    boolean ntk = spec.parameterization() == Dense.Parameterization.NTK;
    fillGaussian(theta.tensor(weightTensor), ntk ? 1.0 : spec.wStd() / Math.sqrt(nIn), rng);
    if (hasBias()) {
      fillGaussian(theta.tensor(biasTensor), ntk ? 1.0 : spec.bStd(), rng);
    }
  }

  private static void fillGaussian(double[] t, double std, SplittableRandom rng) {
    for (int i = 0; i < t.length; i++) {
      t[i] = std * rng.nextGaussian();
    }
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    Matrix a = in.get(0);
    pass.put(this, a);
    Matrix z = Products.mult(a, theta.tensor(weightTensor), outputWidth());
    scaleAndShift(z, wScale, hasBias() ? theta.tensor(biasTensor) : null, bScale);
    return List.of(z);
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    Matrix g = gradOut.get(0);
    Matrix a = pass.get(this);
    sink.accept(this, a, g);
    // dL/da = wScale·G·Wᵀ
    Matrix da = Products.multTransB(g, theta.tensor(weightTensor), nIn);
    scaleAndShift(da, wScale, null, 0);
    return List.of(da);
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    Matrix a = pass.get(this);
    // dz = wScale·(da·W + a·dW) + bScale·db
    Matrix dz = Products.mult(a, dTheta.tensor(weightTensor), outputWidth());
    Matrix da = dIn.get(0);
    if (da != null) {
      Matrix viaInput = Products.mult(da, theta.tensor(weightTensor), outputWidth());
      Elementwise.addInPlace(dz, viaInput);
    }
    scaleAndShift(dz, wScale, hasBias() ? dTheta.tensor(biasTensor) : null, bScale);
    return List.of(dz);
  }

  /** Parameter gradients of one backward step: dW = wScale·aᵀG, db = bScale·Σ_rows G. */
  void accumulateGradient(Matrix a, Matrix g, Params grad) {
    double[] dw = Products.multTransA(a, g);
    double[] w = grad.tensor(weightTensor);
    for (int i = 0; i < w.length; i++) {
      w[i] += wScale * dw[i];
    }
    if (hasBias()) {
      double[] b = grad.tensor(biasTensor);
      double[] gd = g.data();
      int n = outputWidth();
      for (int r = 0; r < g.rows(); r++) {
        for (int j = 0; j < n; j++) {
          b[j] += bScale * gd[r * n + j];
        }
      }
    }
  }

  /** m ← scale·m + shiftScale·1·shiftᵀ (the shift row added to every row when not null). */
  private static void scaleAndShift(Matrix m, double scale, double[] shift, double shiftScale) {
    double[] d = m.data();
    int cols = m.cols();
    for (int r = 0; r < m.rows(); r++) {
      int row = r * cols;
      for (int j = 0; j < cols; j++) {
        d[row + j] = scale * d[row + j] + (shift == null ? 0.0 : shiftScale * shift[j]);
      }
    }
  }
}
