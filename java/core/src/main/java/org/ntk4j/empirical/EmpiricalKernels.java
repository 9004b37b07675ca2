package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Dense;
import org.ntk4j.stax.Layer;

/**
 * Kernels of one finite network at given parameters.
 *
 * <p>The NTK Θ̂(x, x′) = ∂θf(x)·∂θf(x′) is formed without Jacobians by the per-layer Gram identity
 * (docs/MATH.md §7): a dense layer z = s_w·a·W + s_b·b contributes
 * (s_w²·a(x)·a(x′) + s_b²)·(δ(x)·δ(x′)), with a its input and δ = ∂f/∂z from backpropagation;
 * s_w² = σw²/n_in, s_b² = σb² in NTK parameterization and 1, 1 in standard parameterization.
 * {@link #ntkByJacobian} forms J·Jᵀ explicitly, to test it.
 *
 * <p>Outputs: the "full" NTK is indexed by (example, output) pairs, row i·k + c for example i and
 * output c, as y flattened row-major; the plain NTK is its average over the k diagonal output
 * blocks, (1/k)Σ_c ∂f_c(x)·∂f_c(x′), which is what the infinite-width NTK Θ ⊗ I predicts per block.
 */
public final class EmpiricalKernels {
  private EmpiricalKernels() {}

  /** The output-averaged empirical NTK of X1 × X2 (X2 null: X1 × X1), n1 × n2. */
  public static Matrix ntk(FiniteNetwork net, Params theta, Matrix x1, Matrix x2) {
    return gramIdentity(net, theta, x1, x2, false);
  }

  /** The empirical NTK over (example, output) pairs, n1·k × n2·k (X2 null: X1 × X1). */
  public static Matrix ntkFull(FiniteNetwork net, Params theta, Matrix x1, Matrix x2) {
    return gramIdentity(net, theta, x1, x2, true);
  }

  /**
   * The empirical NNGP: when the network ends in a dense readout, its kernel given the readout's
   * input features φ, σw²·φ(x)·φ(x′)/n + σb² (the expectation over the readout weights alone, in
   * either parameterization); otherwise the output covariance f(x)·f(x′)/k.
   */
  public static Matrix nngp(FiniteNetwork net, Params theta, Matrix x1, Matrix x2) {
    ForwardPass p1 = net.forward(theta, x1);
    ForwardPass p2 = x2 == null ? p1 : net.forward(theta, x2);
    DenseLayer readout = readout(net);
    if (readout == null) {
      Matrix k = Products.multTransB(p1.output(), p2.output());
      scale(k.data(), 1.0 / net.outputWidth());
      return k;
    }
    Dense d = readout.spec();
    Matrix k = Products.multTransB(net.denseInput(p1, readout), net.denseInput(p2, readout));
    double w2 = d.wStd() * d.wStd() / readout.inputWidth();
    double b2 = d.bStd() * d.bStd();
    double[] kd = k.data();
    for (int i = 0; i < kd.length; i++) {
      kd[i] = w2 * kd[i] + b2;
    }
    return k;
  }

  /** The last layer when it is a dense layer at the top level of the architecture, else null. */
  static DenseLayer readout(FiniteNetwork net) {
    List<Layer> top = net.architecture().layers();
    if (!(top.get(top.size() - 1) instanceof Dense)) {
      return null;
    }
    List<DenseLayer> dense = net.denseLayers();
    return dense.get(dense.size() - 1);
  }

  private static Matrix gramIdentity(FiniteNetwork net, Params theta, Matrix x1, Matrix x2,
      boolean full) {
    int k = net.outputWidth();
    LayerSignals s1 = LayerSignals.collect(net, net.forward(theta, x1), full);
    LayerSignals s2 = x2 == null ? s1 : LayerSignals.collect(net, net.forward(theta, x2), full);
    int n1 = x1.rows();
    int n2 = x2 == null ? n1 : x2.rows();
    int rowsOut = full ? n1 * k : n1;
    int colsOut = full ? n2 * k : n2;
    Matrix theta12 = Matrix.zeros(rowsOut, colsOut);
    double[] out = theta12.data();
    for (DenseLayer layer : net.denseLayers()) {
      int l = layer.index();
      // Input Gram term s_w²·a·a′ + s_b².
      Matrix a = Products.multTransB(s1.inputs.get(l), s2.inputs.get(l));
      double sw2 = layer.weightScale() * layer.weightScale();
      double sb2 = layer.hasBias() ? layer.biasScale() * layer.biasScale() : 0.0;
      double[] ad = a.data();
      for (int i = 0; i < ad.length; i++) {
        ad[i] = sw2 * ad[i] + sb2;
      }
      // Backprop term δ·δ′ over the pairs of (example, output) signals.
      double[] dd = Products.multTransB(s1.deltas.get(l), s2.deltas.get(l)).data();
      for (int r = 0; r < rowsOut; r++) {
        int i = full ? r / k : r;
        for (int c = 0; c < colsOut; c++) {
          int j = full ? c / k : c;
          out[r * colsOut + c] += ad[i * n2 + j] * dd[r * colsOut + c];
        }
      }
    }
    if (!full) {
      scale(out, 1.0 / k);
    }
    return theta12;
  }

  /**
   * The NTK by explicit Jacobians, Θ = J(X1)·J(X2)ᵀ over (example, output) pairs (X2 null:
   * X1 × X1). Costs a backward pass per example and output: for tests and small problems.
   */
  public static Matrix ntkByJacobian(FiniteNetwork net, Params theta, Matrix x1, Matrix x2) {
    Matrix j1 = jacobian(net, theta, x1);
    Matrix j2 = x2 == null ? j1 : jacobian(net, theta, x2);
    return Products.multTransB(j1, j2);
  }

  /** ∂f/∂θ with rows i·k + c (example i, output c) and one column per parameter. */
  public static Matrix jacobian(FiniteNetwork net, Params theta, Matrix x) {
    int k = net.outputWidth();
    int p = Math.toIntExact(theta.size());
    Matrix jac = Matrix.zeros(x.rows() * k, p);
    for (int i = 0; i < x.rows(); i++) {
      ForwardPass pass = net.forward(theta, x.rowRange(i, i + 1));
      for (int c = 0; c < k; c++) {
        Matrix e = Matrix.zeros(1, k);
        e.set(0, c, 1.0);
        double[] g = net.gradient(pass, e).flatten();
        System.arraycopy(g, 0, jac.data(), (i * k + c) * p, p);
      }
    }
    return jac;
  }

  private static void scale(double[] d, double a) {
    for (int i = 0; i < d.length; i++) {
      d[i] *= a;
    }
  }

  /**
   * Per dense layer: its input a (n × n_in) and the backprop signals δ_c = ∂f_c/∂z of every
   * output c, arranged for one product per layer: side by side (n × k·n_out) when the outputs are
   * to be averaged, stacked as rows i·k + c ((n·k) × n_out) for the full kernel.
   */
  private static final class LayerSignals {
    final List<Matrix> inputs = new ArrayList<>();
    final List<Matrix> deltas = new ArrayList<>();

    static LayerSignals collect(FiniteNetwork net, ForwardPass pass, boolean stackRows) {
      int n = pass.input().rows();
      int k = net.outputWidth();
      LayerSignals s = new LayerSignals();
      for (DenseLayer layer : net.denseLayers()) {
        s.inputs.add(net.denseInput(pass, layer));
        int w = layer.outputWidth();
        s.deltas.add(stackRows ? Matrix.zeros(n * k, w) : Matrix.zeros(n, k * w));
      }
      for (int c = 0; c < k; c++) {
        Matrix e = Matrix.zeros(n, k);
        for (int i = 0; i < n; i++) {
          e.set(i, c, 1.0);
        }
        int output = c;
        net.backward(pass, e, (layer, a, g) -> {
          Matrix into = s.deltas.get(layer.index());
          int w = layer.outputWidth();
          for (int i = 0; i < n; i++) {
            int at = stackRows ? (i * k + output) * w : i * k * w + output * w;
            System.arraycopy(g.data(), i * w, into.data(), at, w);
          }
        });
      }
      return s;
    }
  }
}
