package org.ntk4j.stax;

import java.util.List;

/**
 * A checked layer tree: built only if every nonlinearity has an affine layer before it, branch
 * counts match, and the network ends in a single branch — the errors neural-tangents raises.
 */
public final class Architecture {
  private final Layer root;

  private Architecture(Layer root) {
    this.root = root;
    List<Signal> out = root.propagate(List.of(Signal.input(Signal.UNKNOWN_WIDTH)));
    if (out.size() != 1) {
      throw new ArchitectureException("the network ends in " + out.size()
          + " branches; combine them with faninsum(), faninprod() or faninconcat()");
    }
  }

  /** Checks the tree and wraps it. @throws ArchitectureException naming the problem */
  public static Architecture of(Layer root) {
    return new Architecture(root);
  }

  /** Parses a text spec such as {@code "dense(512, w_std=1.5), relu(), dense(1)"}. */
  public static Architecture parse(String spec) {
    return of(SpecParser.parse(spec));
  }

  /**
   * Checks that the infinite-width kernels of this architecture are exact: every faninsum() and
   * faninprod() has at most one branch that does not end in a dense layer of its own. A finite
   * network needs no such check, so this is separate from construction; call it before
   * computing infinite-width kernels.
   *
   * <p>Why: {@link FanInSum} and {@link FanInProd} combine their branches' kernels (Σ = ΣᵢΣᵢ,
   * resp. ΠᵢΣᵢ with the product rule for Θ) as if the branches' cross-covariances vanished in
   * the infinite-width limit. A branch that ends in a dense layer of its own (after the last
   * {@code fanout}) is zero-mean and driven by weights no other branch sees, so it is
   * uncorrelated with everything else; two branches that do not (e.g. an identity skip and a
   * relu, or two copies of one fanout) share a source and have nonzero cross terms
   * E[fᵢ(x)fⱼ(x′)] (for relu, nonzero means alone give them). So at most one branch of a sum or
   * product may be "shared". neural-tangents refuses the same cases (its FanInSum requires
   * independent mean-zero Gaussian inputs). Concatenation averages per channel and needs no
   * cross terms, so it accepts anything. Each layer carries its part of this rule
   * ({@link Layer#ownDense}).
   *
   * @throws ArchitectureException naming the fan-in and the fix
   */
  public void requireExactKernel() {
    root.ownDense(List.of(false));
  }

  public Layer root() {
    return root;
  }

  /** The top-level layers in order: the children of a root serial, or the root alone. */
  public List<Layer> layers() {
    return root.sequence();
  }

  /** The output's width and Gaussianity for inputs of the given width. */
  public Signal output(int inputWidth) {
    return root.propagate(List.of(Signal.input(inputWidth))).get(0);
  }

  /** The spec in the top-level comma form, which parses back to an equal architecture. */
  public String spec() {
    StringBuilder s = new StringBuilder();
    for (Layer l : layers()) {
      s.append(s.length() == 0 ? "" : ", ").append(l.spec());
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return spec();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Architecture && ((Architecture) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }
}
