package org.ntk4j.stax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whether {@link FanInSum} and {@link FanInProd} may combine their branches' kernels the way
 * they do (Σ = ΣᵢΣᵢ, resp. ΠᵢΣᵢ with the product rule for Θ): that is exact only when the
 * branches' cross-covariances vanish in the infinite-width limit. A branch that ends in a dense
 * layer of its own (after the last {@code fanout}) is zero-mean and driven by weights no other
 * branch sees, so it is uncorrelated with everything else; two branches that do not (e.g. an
 * identity skip and a relu, or two copies of one fanout) share a source and have nonzero
 * cross terms E[fᵢ(x)fⱼ(x′)] (for relu, nonzero means alone give them). So at most one branch
 * of a sum or product may be "shared". neural-tangents refuses the same cases (its FanInSum
 * requires independent mean-zero Gaussian inputs). Concatenation averages per channel and needs
 * no cross terms, so it accepts anything.
 */
final class BranchIndependence {
  private BranchIndependence() {}

  /** For each output branch, whether it ends in a dense layer of its own. */
  static List<Boolean> ownDense(Layer layer, List<Boolean> in) {
    if (layer instanceof Serial) {
      List<Boolean> b = in;
      for (Layer l : ((Serial) layer).layers()) {
        b = ownDense(l, b);
      }
      return b;
    }
    if (layer instanceof Parallel) {
      List<Layer> layers = ((Parallel) layer).layers();
      List<Boolean> out = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        out.addAll(ownDense(layers.get(i), List.of(in.get(i))));
      }
      return out;
    }
    if (layer instanceof FanOut) {
      int n = ((FanOut) layer).branches();
      return n == 1 ? in : Collections.nCopies(n, false);
    }
    if (layer instanceof Dense) {
      return List.of(true);
    }
    if (layer instanceof Identity) {
      return in;
    }
    if (layer instanceof FanInSum || layer instanceof FanInProd) {
      int shared = 0;
      for (boolean own : in) {
        shared += own ? 0 : 1;
      }
      if (shared > 1) {
        String name = ((FanIn) layer).name();
        throw new ArchitectureException(name + "() combines " + shared + " branches that do "
            + "not end in a dense layer of their own, so they are correlated and the "
            + "infinite-width kernel of their " + (layer instanceof FanInSum ? "sum" : "product")
            + " is not the combination of theirs; end all but one branch with a dense(...) "
            + "layer, or use faninconcat()");
      }
      return List.of(shared == 0);
    }
    if (layer instanceof FanInConcat) {
      return List.of(!in.contains(false));
    }
    return List.of(false);
  }
}
