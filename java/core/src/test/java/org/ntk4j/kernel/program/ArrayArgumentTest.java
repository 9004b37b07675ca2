package org.ntk4j.kernel.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.ExpectationFunction;
import org.ntk4j.stax.Nonlinearity;
import org.ntk4j.stax.Stax;

/** Array arguments of an expectation function become named constant arrays in the C. */
class ArrayArgumentTest {

  /** A nonlinearity whose device function takes an integer and an array (as polynomials do). */
  static final class WithArray extends Nonlinearity {
    @Override
    protected String name() {
      return "witharray";
    }

    @Override
    public String spec() {
      return "witharray()";
    }

    @Override
    public void expectations(double q11, double q22, double q12, double[] out) {
      out[0] = q12;
      out[1] = 1;
    }

    @Override
    public ExpectationFunction expectationFunction() {
      return ExpectationFunction.of("witharray", ExpectationFunction.integer(3),
          ExpectationFunction.reals(0.5, -2, 0.1));
    }

    @Override
    public double variance(double q) {
      return q;
    }

    @Override
    public double phi(double x) {
      return x;
    }

    @Override
    public double derivative(double x) {
      return 1;
    }
  }

  @Test
  void arraysAreDeclaredOncePerNonlinearityAndPassedByName() {
    Architecture a = Architecture.of(Stax.serial(Stax.dense(4, 1.0), Stax.relu(),
        Stax.dense(4, 1.0), new WithArray(), Stax.dense(1, 1.0)));
    ProgramSource s = new ProgramSource(KernelProgram.compile(a, 3), Precision.FLOAT64);
    assertEquals("NTK_CONSTANT NTK_SCALAR NTK_NAME(k1_0)[3] = {(0x1.0p-1), (-0x1.0p1), ("
        + Double.toHexString(0.1) + ")};\n", s.preamble());
    String c = s.generate();
    assertTrue(c.contains("NTK_NAME(witharray)(3, NTK_NAME(k1_0), NTK_LOAD(v1 + 1 * s1)"), c);
    assertTrue(c.contains("NTK_NAME(witharray)(3, NTK_NAME(k1_0), q11_0, q11_0, q11_0"), c);
    String f = new ProgramSource(KernelProgram.compile(a, 3), Precision.FLOAT32).preamble();
    assertTrue(f.contains("{(0x1.0p-1f), (-0x1.0p1f), (0x1.99999ap-4f)}"), f);
  }

  /** A user's φ: its rule as arrays, φ and φ′ as a case of the program's NTK_NAME(phi). */
  @Test
  void expressionsBecomeCasesOfThePhiFunction() {
    Architecture a = Architecture.parse("dense(4), relu(), dense(4), elementwise(\"x^2 -"
        + " step(x)\", 3), dense(1)");
    ProgramSource s = new ProgramSource(KernelProgram.compile(a, 3), Precision.FLOAT64);
    String p = s.preamble();
    assertTrue(p.contains("NTK_CONSTANT NTK_SCALAR NTK_NAME(k1_0)[3] = {"), p);
    assertTrue(p.contains("NTK_CONSTANT NTK_SCALAR NTK_NAME(k1_1)[3] = {"), p);
    assertTrue(p.contains("#define NTK_PHI(f, d, x) NTK_NAME(phi)(f, d, x)\n"), p);
    assertTrue(p.contains("  if (f == 1) {\n    return d == 0 ? (NTK_NAME(powi)(x, 2) -"
        + " step((REAL)0, x))\n        : (((REAL)(0x1.0p1)) * x);\n  }\n"), p);
    assertTrue(s.generate().contains("NTK_NAME(quadrature)(3, NTK_NAME(k1_0), NTK_NAME(k1_1),"
        + " 1, NTK_LOAD(v1 + 1 * s1)"), s.generate());
  }

  @Test
  void programsWithoutArraysHaveNoPreamble() {
    Architecture a = Architecture.parse("dense(4), relu(), dense(1)");
    assertEquals("", new ProgramSource(KernelProgram.compile(a, 3), Precision.FLOAT64)
        .preamble());
  }
}
