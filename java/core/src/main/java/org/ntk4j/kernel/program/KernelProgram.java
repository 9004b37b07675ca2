package org.ntk4j.kernel.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;
import org.ntk4j.stax.FanInConcat;
import org.ntk4j.stax.FanInProd;
import org.ntk4j.stax.FanInSum;
import org.ntk4j.stax.FanOut;
import org.ntk4j.stax.Identity;
import org.ntk4j.stax.Layer;
import org.ntk4j.stax.LayerVisitor;
import org.ntk4j.stax.Nonlinearity;
import org.ntk4j.stax.Parallel;
import org.ntk4j.stax.Serial;

/**
 * An architecture compiled to a flat per-pair program (docs/ARCHITECTURE.md): register set 0 starts with
 * the input kernels (q12 = x·x′/d, q11, q22, Θ = 0), the ops run in order, and the result is in
 * {@link #output()}. The same program serves every pair, so it becomes one fused device kernel.
 *
 * <p>Widths are resolved for one input width, because standard parameterization and
 * faninconcat depend on them.
 */
public record KernelProgram(List<Op> ops, int registerSets, int output, int inputWidth) {

  public KernelProgram {
    ops = List.copyOf(ops);
  }

  /**
   * How many variances per input a device stores for the pairs (one before each nonlinearity;
   * may be 0): an input's variances do not depend on its partner.
   */
  public int variancePoints() {
    return nonlinearities().size();
  }

  /** The nonlinearities the program runs (one expectation per pair each), in order. */
  public List<Nonlinearity> nonlinearities() {
    return ops.stream().map(Op::nonlinearity).filter(Objects::nonNull)
        .collect(Collectors.toList());
  }

  /** Compiles {@code architecture} for inputs of width {@code inputWidth}. */
  public static KernelProgram compile(Architecture architecture, int inputWidth) {
    architecture.output(inputWidth);
    Compiler c = new Compiler();
    List<Branch> out = c.compile(architecture.root(), List.of(new Branch(0, inputWidth)));
    return new KernelProgram(c.ops, c.registers, out.get(0).reg, inputWidth);
  }

  /** A branch during compilation: the register set holding it and its channel count. */
  private record Branch(int reg, int width) {}

  /** Turns each layer into ops on register sets; returns the branches leaving the layer. */
  private static final class Compiler implements LayerVisitor<List<Branch>, List<Branch>> {
    final List<Op> ops = new ArrayList<>();
    int registers = 1;

    List<Branch> compile(Layer layer, List<Branch> in) {
      return layer.accept(this, in);
    }

    @Override
    public List<Branch> serial(Serial s, List<Branch> in) {
      List<Branch> b = in;
      for (Layer l : s.layers()) {
        b = compile(l, b);
      }
      return b;
    }

    @Override
    public List<Branch> parallel(Parallel p, List<Branch> in) {
      List<Branch> out = new ArrayList<>();
      for (int i = 0; i < p.layers().size(); i++) {
        out.addAll(compile(p.layers().get(i), List.of(in.get(i))));
      }
      return out;
    }

    @Override
    public List<Branch> fanOut(FanOut f, List<Branch> in) {
      Branch b = in.get(0);
      List<Branch> out = new ArrayList<>();
      out.add(b);
      for (int i = 1; i < f.branches(); i++) {
        int to = registers++;
        ops.add(new Op.Copy(to, b.reg));
        out.add(new Branch(to, b.width));
      }
      return out;
    }

    @Override
    public List<Branch> dense(Dense d, List<Branch> in) {
      Branch b = in.get(0);
      double w2 = d.wStd() * d.wStd();
      double b2 = d.bStd() * d.bStd();
      ops.add(new Op.Affine(b.reg, w2, b2,
          d.parameterization() == Dense.Parameterization.NTK, b.width, d.hasBias() ? 1 : 0));
      return List.of(new Branch(b.reg, d.outDim()));
    }

    @Override
    public List<Branch> nonlinearity(Nonlinearity n, List<Branch> in) {
      Branch b = in.get(0);
      ops.add(new Op.Elementwise(b.reg, n));
      return List.of(b);
    }

    @Override
    public List<Branch> identity(Identity layer, List<Branch> in) {
      return in;
    }

    @Override
    public List<Branch> fanInSum(FanInSum layer, List<Branch> in) {
      ops.add(new Op.Sum(regs(in)));
      return List.of(in.get(0));
    }

    @Override
    public List<Branch> fanInProd(FanInProd layer, List<Branch> in) {
      ops.add(new Op.Product(regs(in)));
      return List.of(in.get(0));
    }

    @Override
    public List<Branch> fanInConcat(FanInConcat layer, List<Branch> in) {
      double total = 0;
      for (Branch b : in) {
        total += b.width;
      }
      List<Double> weights = new ArrayList<>();
      for (Branch b : in) {
        weights.add(b.width / total);
      }
      ops.add(new Op.WeightedSum(regs(in), weights));
      return List.of(new Branch(in.get(0).reg, (int) total));
    }

    private static List<Integer> regs(List<Branch> in) {
      List<Integer> r = new ArrayList<>();
      for (Branch b : in) {
        r.add(b.reg);
      }
      return r;
    }
  }
}
