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

  static String widths(List<Signal> in) {
    StringBuilder s = new StringBuilder();
    for (Signal sig : in) {
      s.append(s.length() == 0 ? "" : ", ")
          .append(sig.width() == Signal.UNKNOWN_WIDTH ? "input width" : sig.width());
    }
    return s.toString();
  }
}
