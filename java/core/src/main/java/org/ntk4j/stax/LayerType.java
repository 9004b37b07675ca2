package org.ntk4j.stax;

import java.util.List;

/**
 * One kind of layer of the text spec: its name, its parameters, how it is built from parsed
 * arguments, and what the docs say about it. {@link Stax#layerTypes()} is the one list of them,
 * read by the spec parser and by the README's layer table (a test keeps the two equal).
 */
public final class LayerType {
  /** Builds the layer from its checked arguments. */
  interface Factory {
    Layer build(LayerArgs args);
  }

  private final String name;
  private final List<Param> params;
  private final boolean takesLayers;
  private final Factory factory;
  private final String phi;
  private final String kernel;
  private final String example;

  private LayerType(String name, List<Param> params, boolean takesLayers, Factory factory,
      String phi, String kernel, String example) {
    this.name = name;
    this.params = List.copyOf(params);
    this.takesLayers = takesLayers;
    this.factory = factory;
    this.phi = phi;
    this.kernel = kernel;
    this.example = example;
  }

  /** A layer with named parameters. */
  static LayerType of(String name, Factory factory, Param... params) {
    return new LayerType(name, List.of(params), false, factory, null, null, null);
  }

  /** A layer whose arguments are layers (serial, parallel). */
  static LayerType ofLayers(String name, Factory factory) {
    return new LayerType(name, List.of(), true, factory, null, null, null);
  }

  /** The same type with φ(x) for the docs. */
  LayerType phi(String formula) {
    return new LayerType(name, params, takesLayers, factory, formula, kernel, example);
  }

  /** The same type with what its kernel is and where the formula comes from, for the docs. */
  LayerType kernel(String source) {
    return new LayerType(name, params, takesLayers, factory, phi, source, example);
  }

  /**
   * The same type with an example of it in spec form, with non-default arguments; every
   * nonlinearity has one (the selftest and the tests run it).
   */
  LayerType example(String spec) {
    return new LayerType(name, params, takesLayers, factory, phi, kernel, spec);
  }

  /** The name in specs (lower case). */
  public String name() {
    return name;
  }

  /** The parameters in positional order; empty for layers that take layers. */
  public List<Param> params() {
    return params;
  }

  /** Whether the arguments are layers (serial, parallel) instead of parameters. */
  public boolean takesLayers() {
    return takesLayers;
  }

  /** φ(x) as the docs write it, or null for layers that are not elementwise. */
  public String phi() {
    return phi;
  }

  /** What the layer's kernel is and its source, as the docs write it. */
  public String kernel() {
    return kernel;
  }

  /** A spec of this layer alone with non-default arguments, or null (not a nonlinearity). */
  public String example() {
    return example;
  }

  /** The parameter names for messages: "out_dim, w_std" or "no arguments". */
  String describeParams() {
    if (params.isEmpty()) {
      return "no arguments";
    }
    StringBuilder s = new StringBuilder();
    for (Param p : params) {
      s.append(s.length() == 0 ? "" : ", ").append(p.name());
    }
    return s.toString();
  }

  Layer build(LayerArgs args) {
    return factory.build(args);
  }
}
