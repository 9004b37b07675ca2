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
 * A {@link KernelProgram} encoded for the interpreter of cuda/ntk_program.cuh: an int stream of
 * ops and a stream of real constants. The codes and each op's layout are defined here and
 * written into cuda/ntk_program_codes.h ({@link #cHeader()}; ProgramCodeTest fails when that
 * file differs). Encoding instead of generating CUDA C keeps the kernels prebuilt PTX:
 * compiling C at run time needs NVRTC, which JCuda 12.6 binds as libnvrtc.so.12, absent on
 * CUDA 13.
 *
 * @param code the op stream
 * @param constants the real constants the ops point into
 * @param registerSets how many register sets the program uses
 * @param output the register set holding the result
 */
record ProgramCode(int[] code, double[] constants, int registerSets, int output) {
  /** The ops: in the stream, the code (its ordinal), then its operands. */
  enum OpCode {
    AFFINE("reg, ntkParameterization, constants at: w2, b2, nIn, bias"),
    ELEMENTWISE("reg, function, degree, constants at: a, b, c"),
    COPY("to, from"),
    SUM("count, regs..."),
    PRODUCT("count, regs..."),
    WEIGHTED_SUM("count, regs..., constants at: weights...");

    /** What follows the code in the stream. */
    final String operands;

    OpCode(String operands) {
      this.operands = operands;
    }
  }

  /** The nonlinearities of ELEMENTWISE, by their ordinal (the interpreter's switch). */
  enum FunctionCode { ABRELU, ERF, GELU, SIN, RBF, SIGN, MONOMIAL, RECTMONOMIAL }

  /** The most register sets the interpreter's multi-branch variant holds (NTK_MAX_SETS). */
  static final int MAX_REGISTER_SETS = 16;

  /** The text of cuda/ntk_program_codes.h: the codes above as C #defines. */
  static String cHeader() {
    StringBuilder s = new StringBuilder();
    s.append("/* Generated from org.ntk4j.backend.cuda.ProgramCode (ProgramCodeTest fails when"
        + " they differ). */\n#ifndef NTK_PROGRAM_CODES_H\n#define NTK_PROGRAM_CODES_H\n");
    s.append("/* Ops: the code, then its operands. */\n");
    for (OpCode op : OpCode.values()) {
      s.append("#define OP_").append(op).append(' ').append(op.ordinal()).append(" /* ")
          .append(op.operands).append(" */\n");
    }
    s.append("/* Nonlinearities of OP_ELEMENTWISE. */\n");
    for (FunctionCode f : FunctionCode.values()) {
      s.append("#define FN_").append(f).append(' ').append(f.ordinal()).append('\n');
    }
    s.append("/* The most register sets the multi-branch kernels hold. */\n#define NTK_MAX_SETS ")
        .append(MAX_REGISTER_SETS).append("\n#endif\n");
    return s.toString();
  }

  static ProgramCode encode(KernelProgram program) {
    if (program.registerSets() > MAX_REGISTER_SETS) {
      throw new ArchitectureException("the CUDA backend handles at most " + MAX_REGISTER_SETS
          + " parallel branches, this architecture has " + program.registerSets()
          + "; use --backend opencl or java");
    }
    Encoder encoder = new Encoder();
    for (Op op : program.ops()) {
      op.accept(encoder);
    }
    return new ProgramCode(encoder.code.stream().mapToInt(Integer::intValue).toArray(),
        encoder.constants.stream().mapToDouble(Double::doubleValue).toArray(),
        program.registerSets(), program.output());
  }

  /** Appends each op's codes and constants (the layouts of {@link OpCode}). */
  private static final class Encoder implements Op.Visitor<Void> {
    final List<Integer> code = new ArrayList<>();
    final List<Double> constants = new ArrayList<>();

    @Override
    public Void affine(Op.Affine a) {
      code.addAll(List.of(OpCode.AFFINE.ordinal(), a.reg(), a.ntkParameterization() ? 1 : 0,
          constants.size()));
      constants.addAll(List.of(a.w2(), a.b2(), a.nIn(), a.bias()));
      return null;
    }

    @Override
    public Void elementwise(Op.Elementwise e) {
      Function f = Function.of(e.nonlinearity());
      code.addAll(List.of(OpCode.ELEMENTWISE.ordinal(), e.reg(), f.code.ordinal(), f.degree,
          constants.size()));
      constants.addAll(List.of(f.a, f.b, f.c));
      return null;
    }

    @Override
    public Void copy(Op.Copy c) {
      code.addAll(List.of(OpCode.COPY.ordinal(), c.to(), c.from()));
      return null;
    }

    @Override
    public Void sum(Op.Sum s) {
      code.addAll(List.of(OpCode.SUM.ordinal(), s.regs().size()));
      code.addAll(s.regs());
      return null;
    }

    @Override
    public Void product(Op.Product p) {
      code.addAll(List.of(OpCode.PRODUCT.ordinal(), p.regs().size()));
      code.addAll(p.regs());
      return null;
    }

    @Override
    public Void weightedSum(Op.WeightedSum w) {
      code.addAll(List.of(OpCode.WEIGHTED_SUM.ordinal(), w.regs().size()));
      code.addAll(w.regs());
      code.add(constants.size());
      constants.addAll(w.weights());
      return null;
    }
  }

  /**
   * The kernel variant: {@code s1} keeps one register set in registers, {@code s16} up to
   * MAX_REGISTER_SETS.
   */
  String variant() {
    return registerSets == 1 ? "s1" : "s" + MAX_REGISTER_SETS;
  }

  /** A nonlinearity as the interpreter calls it: function code, degree, constants a, b, c. */
  private record Function(FunctionCode code, int degree, double a, double b, double c) {
    static Function of(Nonlinearity n) {
      if (n instanceof ABRelu r) {
        return new Function(FunctionCode.ABRELU, 0, r.a(), r.b(), 0);
      }
      if (n instanceof Erf e) {
        return new Function(FunctionCode.ERF, 0, e.a(), e.b(), e.c());
      }
      if (n instanceof Gelu) {
        return new Function(FunctionCode.GELU, 0, 0, 0, 0);
      }
      if (n instanceof Sin s) {
        return new Function(FunctionCode.SIN, 0, s.a(), s.b(), s.phase());
      }
      if (n instanceof Rbf r) {
        return new Function(FunctionCode.RBF, 0, r.gamma(), 0, 0);
      }
      if (n instanceof Sign) {
        return new Function(FunctionCode.SIGN, 0, 0, 0, 0);
      }
      if (n instanceof Monomial m) {
        return new Function(FunctionCode.MONOMIAL, m.degree(), 0, 0, 0);
      }
      if (n instanceof RectifiedMonomial m) {
        return new Function(FunctionCode.RECTMONOMIAL, m.degree(), 0, 0, 0);
      }
      throw new ArchitectureException("the CUDA backend has no closed form for " + n.spec()
          + "; compute this architecture with --backend java");
    }
  }
}
