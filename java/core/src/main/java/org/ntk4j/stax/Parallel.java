package org.ntk4j.stax;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Branch i goes through layer i; the number of branches must equal the number of layers. */
public final class Parallel extends Layer {
  private final List<Layer> layers;

  public Parallel(List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new ArchitectureException("parallel needs at least one layer");
    }
    this.layers = List.copyOf(layers);
  }

  public List<Layer> layers() {
    return layers;
  }

  @Override
  public String spec() {
    return "parallel(" + layers.stream().map(Layer::spec).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public List<Signal> propagate(List<Signal> in) {
    if (in.size() != layers.size()) {
      throw new ArchitectureException("parallel of " + layers.size() + " layers gets "
          + in.size() + " branches; put fanout(" + layers.size() + ") before it");
    }
    List<Signal> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      out.addAll(layers.get(i).propagate(List.of(in.get(i))));
    }
    return out;
  }

  @Override
  public List<KernelBlock> kernel(List<KernelBlock> in) {
    List<KernelBlock> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      out.addAll(layers.get(i).kernel(List.of(in.get(i))));
    }
    return out;
  }

  @Override
  public <A, R> R accept(LayerVisitor<A, R> visitor, A in) {
    return visitor.parallel(this, in);
  }

  @Override
  List<Boolean> ownDense(List<Boolean> in) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      out.addAll(layers.get(i).ownDense(List.of(in.get(i))));
    }
    return out;
  }
}
