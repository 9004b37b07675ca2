package org.ntk4j.kernel.program;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.ArchitectureException;
import org.ntk4j.stax.Dense;
import org.ntk4j.stax.FanInConcat;
import org.ntk4j.stax.FanInProd;
import org.ntk4j.stax.FanInSum;
import org.ntk4j.stax.FanOut;
import org.ntk4j.stax.Identity;
import org.ntk4j.stax.Layer;
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
    int m = 0;
    for (Op op : ops) {
      if (op instanceof Op.Elementwise) {
        m++;
      }
    }
    return m;
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

  private static final class Compiler {
    final List<Op> ops = new ArrayList<>();
    int registers = 1;

    List<Branch> compile(Layer layer, List<Branch> in) {
      if (layer instanceof Serial s) {
        List<Branch> b = in;
        for (Layer l : s.layers()) {
          b = compile(l, b);
        }
        return b;
      }
      if (layer instanceof Parallel p) {
        List<Branch> out = new ArrayList<>();
        for (int i = 0; i < p.layers().size(); i++) {
          out.addAll(compile(p.layers().get(i), List.of(in.get(i))));
        }
        return out;
      }
      if (layer instanceof FanOut f) {
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
      if (layer instanceof Dense d) {
        Branch b = in.get(0);
        double w2 = d.wStd() * d.wStd();
        double b2 = d.bStd() * d.bStd();
        ops.add(new Op.Affine(b.reg, w2, b2,
            d.parameterization() == Dense.Parameterization.NTK, b.width, d.hasBias() ? 1 : 0));
        return List.of(new Branch(b.reg, d.outDim()));
      }
      if (layer instanceof Nonlinearity n) {
        Branch b = in.get(0);
        ops.add(new Op.Elementwise(b.reg, n));
        return List.of(b);
      }
      if (layer instanceof Identity) {
        return in;
      }
      if (layer instanceof FanInSum) {
        ops.add(new Op.Sum(regs(in)));
        return List.of(in.get(0));
      }
      if (layer instanceof FanInProd) {
        ops.add(new Op.Product(regs(in)));
        return List.of(in.get(0));
      }
      if (layer instanceof FanInConcat) {
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
      throw new ArchitectureException("the device backends cannot compile layer " + layer.spec()
          + "; compute this architecture with --backend java");
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
