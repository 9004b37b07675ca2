package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.program.Op;
import org.ntk4j.stax.ABRelu;
import org.ntk4j.stax.ArchitectureException;
import org.ntk4j.stax.Erf;
import org.ntk4j.stax.Gelu;
import org.ntk4j.stax.Monomial;
import org.ntk4j.stax.Nonlinearity;
import org.ntk4j.stax.Rbf;
import org.ntk4j.stax.RectifiedMonomial;
import org.ntk4j.stax.Sign;
import org.ntk4j.stax.Sin;

/**
 * A {@link KernelProgram} encoded for the interpreter of cuda/ntk_tile.cu: an int stream of ops
 * and a stream of real constants (the layout is documented there; the codes below must match
 * its #defines). Encoding instead of generating CUDA C keeps the kernels prebuilt PTX: compiling
 * C at run time needs NVRTC, which JCuda 12.6 binds as libnvrtc.so.12, absent on CUDA 13.
 *
 * @param code the op stream
 * @param constants the real constants the ops point into
 * @param registerSets how many register sets the program uses
 * @param output the register set holding the result
 */
record ProgramCode(int[] code, double[] constants, int registerSets, int output) {
  static final int OP_AFFINE = 0;
  static final int OP_ELEMENTWISE = 1;
  static final int OP_COPY = 2;
  static final int OP_SUM = 3;
  static final int OP_PRODUCT = 4;
  static final int OP_WEIGHTED = 5;

  static final int FN_ABRELU = 0;
  static final int FN_ERF = 1;
  static final int FN_GELU = 2;
  static final int FN_SIN = 3;
  static final int FN_RBF = 4;
  static final int FN_SIGN = 5;
  static final int FN_MONOMIAL = 6;
  static final int FN_RECTMONOMIAL = 7;

  /** The most register sets the interpreter's multi-branch variant holds (MANY in the .cu). */
  static final int MAX_REGISTER_SETS = 16;

  static ProgramCode encode(KernelProgram program) {
    if (program.registerSets() > MAX_REGISTER_SETS) {
      throw new ArchitectureException("the CUDA backend handles at most " + MAX_REGISTER_SETS
          + " parallel branches, this architecture has " + program.registerSets()
          + "; use --backend opencl or java");
    }
    List<Integer> code = new ArrayList<>();
    List<Double> constants = new ArrayList<>();
    for (Op op : program.ops()) {
      if (op instanceof Op.Affine a) {
        code.addAll(List.of(OP_AFFINE, a.reg(), a.ntkParameterization() ? 1 : 0,
            constants.size()));
        constants.addAll(List.of(a.w2(), a.b2(), a.nIn(), a.bias()));
      } else if (op instanceof Op.Elementwise e) {
        Function f = Function.of(e.nonlinearity());
        code.addAll(List.of(OP_ELEMENTWISE, e.reg(), f.code, f.degree, constants.size()));
        constants.addAll(List.of(f.a, f.b, f.c));
      } else if (op instanceof Op.Copy c) {
        code.addAll(List.of(OP_COPY, c.to(), c.from()));
      } else if (op instanceof Op.Sum s) {
        code.addAll(List.of(OP_SUM, s.regs().size()));
        code.addAll(s.regs());
      } else if (op instanceof Op.Product p) {
        code.addAll(List.of(OP_PRODUCT, p.regs().size()));
        code.addAll(p.regs());
      } else if (op instanceof Op.WeightedSum w) {
        code.addAll(List.of(OP_WEIGHTED, w.regs().size()));
        code.addAll(w.regs());
        code.add(constants.size());
        constants.addAll(w.weights());
      } else {
        throw new IllegalStateException("unknown op " + op);
      }
    }
    return new ProgramCode(code.stream().mapToInt(Integer::intValue).toArray(),
        constants.stream().mapToDouble(Double::doubleValue).toArray(), program.registerSets(),
        program.output());
  }

  /** The kernel variant: {@code s1} keeps one register set in registers, {@code s16} more. */
  String variant() {
    return registerSets == 1 ? "s1" : "s16";
  }

  /** A nonlinearity as the interpreter calls it: function code, degree, constants a, b, c. */
  private record Function(int code, int degree, double a, double b, double c) {
    static Function of(Nonlinearity n) {
      if (n instanceof ABRelu r) {
        return new Function(FN_ABRELU, 0, r.a(), r.b(), 0);
      }
      if (n instanceof Erf e) {
        return new Function(FN_ERF, 0, e.a(), e.b(), e.c());
      }
      if (n instanceof Gelu) {
        return new Function(FN_GELU, 0, 0, 0, 0);
      }
      if (n instanceof Sin s) {
        return new Function(FN_SIN, 0, s.a(), s.b(), s.phase());
      }
      if (n instanceof Rbf r) {
        return new Function(FN_RBF, 0, r.gamma(), 0, 0);
      }
      if (n instanceof Sign) {
        return new Function(FN_SIGN, 0, 0, 0, 0);
      }
      if (n instanceof Monomial m) {
        return new Function(FN_MONOMIAL, m.degree(), 0, 0, 0);
      }
      if (n instanceof RectifiedMonomial m) {
        return new Function(FN_RECTMONOMIAL, m.degree(), 0, 0, 0);
      }
      throw new ArchitectureException("the CUDA backend has no closed form for " + n.spec()
          + "; compute this architecture with --backend java");
    }
  }
}
