package org.ntk4j.stax;

import java.util.List;

/** Shared checks of the layers that combine several branches into one. */
abstract class FanIn extends Layer {

  /** The spec name, e.g. {@code faninsum}. */
  abstract String name();

  @Override
  public String spec() {
    return name() + "()";
  }

  /** Checks there is at least one branch and, where {@code sameWidth}, that widths agree. */
  List<Signal> checkBranches(List<Signal> in, boolean sameWidth) {
    if (in.isEmpty()) {
      throw new ArchitectureException(name() + "() needs at least one branch");
    }
    if (sameWidth) {
      int w = Signal.UNKNOWN_WIDTH;
      for (Signal s : in) {
        if (s.width() == Signal.UNKNOWN_WIDTH) {
          continue;
        }
        if (w == Signal.UNKNOWN_WIDTH) {
          w = s.width();
        } else if (s.width() != w) {
          throw new ArchitectureException(name() + "() needs branches of equal width, got "
              + widths(in) + "; give the branches' last dense layers the same out_dim");
        }
      }
    }
    return in;
  }

  /**
   * The rule of {@link FanInSum} and {@link FanInProd}, which combine their branches' kernels
   * as if the branches were independent: at most one branch may lack a dense layer of its own.
   * The result ends in a dense layer of its own when every branch does.
   */
  List<Boolean> independentBranches(List<Boolean> in, String combination) {
    int shared = 0;
    for (boolean own : in) {
      shared += own ? 0 : 1;
    }
    if (shared > 1) {
      throw new ArchitectureException(name() + "() combines " + shared + " branches that do "
          + "not end in a dense layer of their own, so they are correlated and the "
          + "infinite-width kernel of their " + combination + " is not the combination of "
          + "theirs; end all but one branch with a dense(...) layer, or use faninconcat()");
    }
    return List.of(shared == 0);
  }

  static String widths(List<Signal> in) {
    StringBuilder s = new StringBuilder();
    for (Signal sig : in) {
      s.append(s.length() == 0 ? "" : ", ")
          .append(sig.width() == Signal.UNKNOWN_WIDTH ? "input width" : sig.width());
    }
    return s.toString();
  }
}
