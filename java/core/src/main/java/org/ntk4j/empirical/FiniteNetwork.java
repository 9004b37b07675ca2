package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;
import org.ntk4j.stax.FanInConcat;
import org.ntk4j.stax.FanInProd;
import org.ntk4j.stax.FanInSum;
import org.ntk4j.stax.FanOut;
import org.ntk4j.stax.Identity;
import org.ntk4j.stax.Layer;
import org.ntk4j.stax.LayerVisitor;
import org.ntk4j.stax.Nonlinearity;
import org.ntk4j.stax.Parallel;
import org.ntk4j.stax.Serial;
import org.ntk4j.stax.Signal;

/**
 * The finite-width network of an architecture: the same layer tree that gives the infinite-width
 * kernels, with widths from each {@code dense(out_dim)}. Parameters live outside, in
 * {@link Params}, so one network serves many initializations, trained copies and tangents.
 *
 * <p>Passes are batched over the rows of X with matrix products: {@link #forward} (outputs),
 * {@link #backward} (vector–Jacobian products: parameter gradients, per-layer pre-activation
 * gradients) and {@link #jvp} (Jacobian–vector products, for the linearized model).
 */
public final class FiniteNetwork {
  private final Architecture architecture;
  private final int inputWidth;
  private final int outputWidth;
  private final Node root;
  private final int nodeCount;
  private final List<DenseLayer> denseLayers;
  private final int[] tensorSizes;

  private FiniteNetwork(Architecture architecture, int inputWidth) {
    this.architecture = architecture;
    this.inputWidth = inputWidth;
    Signal out = architecture.output(inputWidth);
    this.outputWidth = out.width();
    Compiler c = new Compiler();
    this.root = c.compile(architecture.root(), List.of(Signal.input(inputWidth)));
    this.nodeCount = c.nextId;
    this.denseLayers = List.copyOf(c.dense);
    this.tensorSizes = c.tensorSizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Builds the finite network for inputs of the given width.
   *
   * @throws org.ntk4j.stax.ArchitectureException when the architecture does not fit the width
   */
  public static FiniteNetwork of(Architecture architecture, int inputWidth) {
    if (inputWidth < 1) {
      throw new InvalidInputException("the input width must be at least 1, got " + inputWidth);
    }
    return new FiniteNetwork(architecture, inputWidth);
  }

  public Architecture architecture() {
    return architecture;
  }

  public int inputWidth() {
    return inputWidth;
  }

  public int outputWidth() {
    return outputWidth;
  }

  /** The dense layers in forward order (each position in the tree is its own layer). */
  public List<DenseLayer> denseLayers() {
    return denseLayers;
  }

  /** Zero parameters of this network's shape. */
  public Params zeros() {
    double[][] t = new double[tensorSizes.length][];
    for (int i = 0; i < t.length; i++) {
      t[i] = new double[tensorSizes[i]];
    }
    return new Params(t);
  }

  /** Random initial parameters, reproducible from the seed. */
  public Params initialize(long seed) {
    Params theta = zeros();
    SplittableRandom rng = new SplittableRandom(seed);
    for (DenseLayer d : denseLayers) {
      d.initialize(theta, rng.split());
    }
    return theta;
  }

  /** f(X) at θ: n × output width. */
  public Matrix apply(Params theta, Matrix x) {
    return forward(theta, x).output();
  }

  /** Runs the network on the rows of X, keeping what backward and jvp need. */
  public ForwardPass forward(Params theta, Matrix x) {
    if (x.cols() != inputWidth) {
      throw new InvalidInputException("inputs have " + x.cols() + " columns but the network"
          + " was built for width " + inputWidth + "; build it with FiniteNetwork.of(arch, "
          + x.cols() + ")");
    }
    ForwardPass pass = new ForwardPass(theta, x, nodeCount);
    pass.setOutput(root.forward(theta, List.of(x), pass).get(0));
    return pass;
  }

  /**
   * Backpropagates dL/df (n × output width) through the pass, reporting each dense layer's input
   * and pre-activation gradient to {@code sink}.
   */
  public void backward(ForwardPass pass, Matrix outputGradient, DenseSink sink) {
    Matrix out = pass.output();
    if (outputGradient.rows() != out.rows() || outputGradient.cols() != out.cols()) {
      throw new IllegalArgumentException("the output gradient is " + outputGradient.shape()
          + " but the outputs are " + out.shape());
    }
    root.backward(pass.parameters(), List.of(outputGradient), pass, sink);
  }

  /** Jᵀg: the gradient of Σ g⊙f(X) with respect to θ, i.e. dL/dθ for dL/df = g. */
  public Params gradient(ForwardPass pass, Matrix outputGradient) {
    Params grad = zeros();
    backward(pass, outputGradient, (layer, a, g) -> layer.accumulateGradient(a, g, grad));
    return grad;
  }

  /** J(X)·v: how the outputs of the pass move when θ moves along v. */
  public Matrix jvp(ForwardPass pass, Params v) {
    List<Matrix> noInputTangent = Collections.singletonList(null);
    Matrix t = root.tangent(pass.parameters(), v, noInputTangent, pass).get(0);
    return t != null ? t : Matrix.zeros(pass.output().rows(), outputWidth);
  }

  /** The input a dense layer saw during a forward pass (n × its input width). */
  Matrix denseInput(ForwardPass pass, DenseLayer layer) {
    return pass.get(layer);
  }

  /** Turns the layer tree into nodes, assigning ids and parameter tensors in forward order. */
  private static final class Compiler implements LayerVisitor<List<Signal>, Node> {
    int nextId;
    final List<DenseLayer> dense = new ArrayList<>();
    final List<Integer> tensorSizes = new ArrayList<>();

    /** The node of {@code layer} for the branches {@code in} entering it. */
    Node compile(Layer layer, List<Signal> in) {
      return layer.accept(this, in);
    }

    @Override
    public Node dense(Dense d, List<Signal> in) {
      int id = nextId++;
      int nIn = in.get(0).width();
      int w = addTensor(nIn * d.outDim());
      int b = d.hasBias() ? addTensor(d.outDim()) : -1;
      DenseLayer node = new DenseLayer(id, dense.size(), d, nIn, w, b);
      dense.add(node);
      return node;
    }

    @Override
    public Node nonlinearity(Nonlinearity phi, List<Signal> in) {
      return new NonlinearityNode(nextId++, phi);
    }

    @Override
    public Node identity(Identity layer, List<Signal> in) {
      return new IdentityNode(nextId++);
    }

    @Override
    public Node serial(Serial s, List<Signal> in) {
      int id = nextId++;
      List<Node> children = new ArrayList<>();
      List<Signal> sig = in;
      for (Layer l : s.layers()) {
        children.add(compile(l, sig));
        sig = l.propagate(sig);
      }
      return new SerialNode(id, children);
    }

    @Override
    public Node parallel(Parallel p, List<Signal> in) {
      int id = nextId++;
      List<Node> children = new ArrayList<>();
      int[] counts = new int[p.layers().size()];
      for (int i = 0; i < counts.length; i++) {
        Layer l = p.layers().get(i);
        children.add(compile(l, List.of(in.get(i))));
        counts[i] = l.propagate(List.of(in.get(i))).size();
      }
      return new ParallelNode(id, children, counts);
    }

    @Override
    public Node fanOut(FanOut f, List<Signal> in) {
      return new FanOutNode(nextId++, f.branches());
    }

    @Override
    public Node fanInSum(FanInSum layer, List<Signal> in) {
      return new FanInSumNode(nextId++);
    }

    @Override
    public Node fanInProd(FanInProd layer, List<Signal> in) {
      return new FanInProdNode(nextId++);
    }

    @Override
    public Node fanInConcat(FanInConcat layer, List<Signal> in) {
      return new FanInConcatNode(nextId++);
    }

    private int addTensor(int size) {
      tensorSizes.add(size);
      return tensorSizes.size() - 1;
    }
  }

  @Override
  public String toString() {
    return "FiniteNetwork(" + architecture.spec() + ", input width " + inputWidth
        + ", parameters " + Arrays.stream(tensorSizes).asLongStream().sum() + ")";
  }
}
