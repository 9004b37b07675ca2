package org.ntk4j.stax;

/**
 * What the kernel recursion needs to know about one branch between layers: its finite width
 * (channels; used by standard parameterization and by {@link FanInConcat}) and whether its
 * pre-activations are Gaussian in the infinite-width limit (true right after an affine layer).
 *
 * @param width number of channels, or {@link #UNKNOWN_WIDTH} when the input width is not yet known
 * @param gaussian whether a nonlinearity may be applied to this branch
 */
public record Signal(int width, boolean gaussian) {
  public static final int UNKNOWN_WIDTH = -1;

  /** The network input: of the given width (or unknown), not Gaussian. */
  public static Signal input(int width) {
    return new Signal(width, false);
  }
}
