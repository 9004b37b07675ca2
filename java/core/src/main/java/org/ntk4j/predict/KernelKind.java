package org.ntk4j.predict;

/** Which infinite-width kernel drives a prediction. */
public enum KernelKind {
  /** The NNGP: Bayesian inference, or training only the readout layer. */
  NNGP,
  /** The NTK: training every layer by gradient descent. */
  NTK;

  public String label() {
    return name();
  }
}
