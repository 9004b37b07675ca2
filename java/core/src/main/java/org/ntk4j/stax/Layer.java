package org.ntk4j.stax;

import java.util.List;

/**
 * One immutable layer of an architecture, in the style of neural-tangents' stax: the same value
 * describes the finite network (widths, initialization scales) and its infinite-width kernel.
 *
 * <p>Layers map a list of branches to a list of branches: ordinary layers take and return one,
 * {@link FanOut} makes several, {@link Parallel} maps branch i through its layer i, and the fan-in
 * layers combine several into one.
 */
public abstract class Layer {

  /** The layer's text form; {@link SpecParser} parses it back to an equal layer. */
  public abstract String spec();

  /**
   * Checks that this layer can follow branches described by {@code in} and describes its output.
   *
   * @throws ArchitectureException when it cannot, e.g. a nonlinearity after a non-Gaussian input
   */
  public abstract List<Signal> propagate(List<Signal> in);

  /** Transforms the kernels of a block of input pairs, one block per branch, in float64. */
  public abstract List<KernelBlock> kernel(List<KernelBlock> in);

  /** Calls the visitor's method for this kind of layer. */
  public abstract <A, R> R accept(LayerVisitor<A, R> visitor, A in);

  /**
   * The branch-independence rule of this layer (see {@link Architecture#requireExactKernel}):
   * for each output branch, whether it ends in a dense layer of its own, given the same for
   * the input branches.
   *
   * @throws ArchitectureException when this layer combines correlated branches as if they
   *     were independent
   */
  abstract List<Boolean> ownDense(List<Boolean> in);

  /** The layers this one applies in sequence: a serial's children, else the layer itself. */
  List<Layer> sequence() {
    return List.of(this);
  }

  @Override
  public final String toString() {
    return spec();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Layer && o.getClass() == getClass() && ((Layer) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  static Signal single(List<Signal> in, String layer) {
    if (in.size() != 1) {
      throw new ArchitectureException(
          layer + " takes one branch but gets " + in.size()
              + "; combine branches first with faninsum(), faninprod() or faninconcat()");
    }
    return in.get(0);
  }

  static KernelBlock single(List<KernelBlock> in) {
    if (in.size() != 1) {
      throw new IllegalStateException("expected one branch, got " + in.size());
    }
    return in.get(0);
  }
}
