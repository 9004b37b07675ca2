package org.ntk4j.stax;

import java.util.List;

/**
 * How the device kernels compute a nonlinearity's expectations: the C function
 * {@code NTK_NAME(<name>)} of the shared header {@code opencl/ntk_expectations.h} and the
 * constant arguments it takes before {@code (q11, q22, q12, &sigma, &dot)}, in order. The OpenCL
 * code generator writes them as literals; the CUDA interpreter reads them from its constant
 * stream, laid out in this order, through the header's table of functions.
 *
 * @param name the function's name in the header
 * @param arguments its constant arguments
 */
public record ExpectationFunction(String name, List<Argument> arguments) {

  public ExpectationFunction {
    arguments = List.copyOf(arguments);
  }

  public static ExpectationFunction of(String name, Argument... arguments) {
    return new ExpectationFunction(name, List.of(arguments));
  }

  /** A real constant ({@code REAL} in C). */
  public static Argument real(double value) {
    return new Real(value);
  }

  /** An integer constant ({@code int} in C). */
  public static Argument integer(int value) {
    return new Int(value);
  }

  /**
   * An array of real constants: in C a pointer {@code NTK_CONSTANT const NTK_SCALAR *} (OpenCL
   * {@code __constant} memory; the CUDA interpreter's constant stream). Its length is not
   * passed with it: the function takes it as another argument or knows it.
   */
  public static Argument reals(double... values) {
    return new Reals(values.clone());
  }

  /**
   * A user's φ and φ′, compiled into the device code: in OpenCL C functions of the generated
   * program, selected by an {@code int} ({@code NTK_PHI_CONTEXT}); for the CUDA interpreter,
   * codes in its constant stream that its expression evaluator runs.
   */
  public static Argument function(Expression phi, Expression derivative) {
    return new Function(phi, derivative);
  }

  /** One constant argument; {@link #accept} tells its kind. */
  public sealed interface Argument {
    <R> R accept(Visitor<R> visitor);
  }

  /** What a code generator does with each kind of argument. */
  public interface Visitor<R> {
    R real(double value);

    R integer(int value);

    R reals(double[] values);

    R function(Expression phi, Expression derivative);
  }

  private record Real(double value) implements Argument {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.real(value);
    }
  }

  private record Int(int value) implements Argument {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.integer(value);
    }
  }

  private record Function(Expression phi, Expression derivative) implements Argument {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.function(phi, derivative);
    }
  }

  private record Reals(double[] values) implements Argument {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.reals(values.clone());
    }
  }
}
