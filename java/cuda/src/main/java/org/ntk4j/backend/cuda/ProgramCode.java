package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.program.Op;
import org.ntk4j.stax.ArchitectureException;
import org.ntk4j.stax.ExpectationFunction;
import org.ntk4j.stax.Expression;

/**
 * A {@link KernelProgram} encoded for the interpreter of cuda/ntk_program.cuh: an int stream of
 * ops and a stream of real constants. The op codes and each op's layout are defined here and
 * written into cuda/ntk_program_codes.h ({@link #cHeader()}; ProgramCodeTest fails when that
 * file differs); a nonlinearity's function code is its position in the shared header's table
 * ({@link ExpectationTable}), with its constants laid out as its {@link ExpectationFunction}
 * arguments. Encoding instead of generating CUDA C keeps the kernels prebuilt PTX:
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
    ELEMENTWISE("reg, function, constants at: the function's arguments"),
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
  private static final class Encoder
      implements Op.Visitor<Void>, ExpectationFunction.Visitor<Void> {
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
      ExpectationFunction f = e.nonlinearity().expectationFunction();
      int fn = ExpectationTable.code(f.name());
      if (fn < 0) {
        throw new ArchitectureException("the CUDA kernels have no function " + f.name()
            + " for " + e.nonlinearity().spec() + "; compute this architecture with"
            + " --backend opencl or java");
      }
      code.addAll(List.of(OpCode.ELEMENTWISE.ordinal(), e.reg(), fn, constants.size()));
      for (ExpectationFunction.Argument a : f.arguments()) {
        a.accept(this);
      }
      return null;
    }

    /** A function's constants in argument order; integers as reals (exact below 2^24). */
    @Override
    public Void real(double value) {
      constants.add(value);
      return null;
    }

    @Override
    public Void integer(int value) {
      constants.add((double) value);
      return null;
    }

    @Override
    public Void reals(double[] values) {
      for (double v : values) {
        constants.add(v);
      }
      return null;
    }

    /** φ's codes after their count, then φ′'s likewise. */
    @Override
    public Void function(Expression phi, Expression derivative) {
      for (Expression e : List.of(phi, derivative)) {
        List<Double> codes = ExpressionCode.encode(e);
        constants.add((double) codes.size());
        constants.addAll(codes);
      }
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
}
