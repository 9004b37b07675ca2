package org.ntk4j.stax;

import java.util.List;
import java.util.stream.Collectors;

/** Layers applied one after another; a top-level spec with commas is a serial. */
public final class Serial extends Layer {
  private final List<Layer> layers;

  public Serial(List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new ArchitectureException("serial needs at least one layer");
    }
    this.layers = List.copyOf(layers);
  }

  public List<Layer> layers() {
    return layers;
  }

  @Override
  public String spec() {
    return "serial(" + layers.stream().map(Layer::spec).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    List<Signal> s = in;
    for (Layer l : layers) {
      s = l.propagate(s);
    }
    return s;
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    List<KernelBlock> k = in;
    for (Layer l : layers) {
      k = l.kernel(k);
    }
    return k;
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.serial(this, in);
  }

  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    List<Boolean> b = in;
    for (Layer l : layers) {
      b = l.ownDense(b);
    }
    return b;
  }

  @Override
  List<Layer> sequence() {
    return layers;
  }
}
