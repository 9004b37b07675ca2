package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.program.Op;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.ArchitectureException;
import org.ntk4j.stax.LayerType;
import org.ntk4j.stax.Operation;
import org.ntk4j.stax.Stax;

/** The encoding the CUDA interpreter reads, and that its codes match cuda/ntk_program.cuh. */
class ProgramCodeTest {

  private static ProgramCode encode(String spec, int d) {
    return ProgramCode.encode(KernelProgram.compile(Architecture.parse(spec), d));
  }

  @Test
  void denseReluDenseEncodesAffineElementwiseAffine() {
    ProgramCode c = encode("dense(8, w_std=1.5, b_std=0.1), relu(), dense(1, w_std=2)", 5);
    int affine = ProgramCode.OpCode.AFFINE.ordinal();
    assertArrayEquals(new int[] {
        affine, 0, 1, 0,
        ProgramCode.OpCode.ELEMENTWISE.ordinal(), 0, ExpectationTable.code("abrelu"), 4,
        affine, 0, 1, 6}, c.code());
    assertArrayEquals(new double[] {2.25, 0.010000000000000002, 5, 1, 0, 1, 4, 0, 8, 0},
        c.constants(), 1e-15);
    assertEquals(1, c.registerSets());
    assertEquals("s1", c.variant());
  }

  /** A function's constants follow its arguments in order; integers travel as reals. */
  @Test
  void aFunctionsConstantsFollowItsArguments() {
    ProgramCode erf = encode("dense(8), erf(0.5, 2, 0.25), dense(1)", 5);
    assertArrayEquals(new int[] {
        ProgramCode.OpCode.AFFINE.ordinal(), 0, 1, 0,
        ProgramCode.OpCode.ELEMENTWISE.ordinal(), 0, ExpectationTable.code("erf"), 4,
        ProgramCode.OpCode.AFFINE.ordinal(), 0, 1, 7}, erf.code());
    assertArrayEquals(new double[] {1, 0, 5, 0, 0.5, 2, 0.25, 1, 0, 8, 0}, erf.constants());
    ProgramCode monomial = encode("dense(8), monomial(3), dense(1)", 5);
    assertEquals(ExpectationTable.code("monomial"), monomial.code()[6]);
    assertArrayEquals(new double[] {1, 0, 5, 0, 3, 1, 0, 8, 0}, monomial.constants());
  }

  @Test
  void fanOutAndFanInUseRegisterSetsAndTheManyVariant() {
    ProgramCode c = encode("dense(8), fanout(3), parallel(relu(), erf(1, 2, 0), gelu()),"
        + " faninconcat(), dense(1)", 4);
    assertEquals(3, c.registerSets());
    assertEquals("s16", c.variant());
    int weighted = indexOf(c.code(), ProgramCode.OpCode.WEIGHTED_SUM.ordinal());
    assertEquals(3, c.code()[weighted + 1]);
    int w = c.code()[weighted + 5];
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
        java.util.Arrays.copyOfRange(c.constants(), w, w + 3), 1e-15);
  }

  /** The header's table has every nonlinearity's function, so none is refused on CUDA. */
  @Test
  void everyRegisteredNonlinearityHasACudaFunction() {
    for (LayerType t : Stax.layerTypes()) {
      if (t.example() != null) {
        ProgramCode c = encode("dense(4), " + t.example() + ", dense(1)", 3);
        assertEquals(ProgramCode.OpCode.ELEMENTWISE.ordinal(), c.code()[4], t.example());
        assertTrue(c.code()[6] >= 0, t.example());
      }
    }
  }

  @Test
  void tooManyBranchesIsAClearError() {
    ArchitectureException e = assertThrows(ArchitectureException.class,
        () -> encode("dense(8), fanout(17), faninsum(), dense(1)", 3));
    assertTrue(e.getMessage().contains("at most 16 parallel branches"), e.getMessage());
  }

  private static String source(String name) throws java.io.IOException {
    try (var in = ProgramCodeTest.class.getResourceAsStream("/org/ntk4j/cuda/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * cuda/ntk_program_codes.h (in the jar) is what ProgramCode generates: the interpreter reads
   * the numbers the encoder writes.
   */
  @Test
  void theCudaCodesHeaderIsGeneratedFromProgramCode() throws Exception {
    assertEquals(ProgramCode.cHeader(), source("ntk_program_codes.h"),
        "cuda/ntk_program_codes.h is out of step with ProgramCode: replace it with the text"
            + " expected here");
  }

  /** Every op of KernelProgram has a code, and the interpreter handles every code. */
  @Test
  void everyOpHasACodeAndTheInterpreterRunsIt() throws Exception {
    String interpreter = source("ntk_program.cuh");
    Class<?>[] ops = Op.class.getPermittedSubclasses();
    assertEquals(ops.length, ProgramCode.OpCode.values().length);
    for (Class<?> op : ops) {
      String name = op.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2")
          .toUpperCase(java.util.Locale.ROOT);
      ProgramCode.OpCode code = ProgramCode.OpCode.valueOf(name);
      assertTrue(interpreter.contains("op == OP_" + code + ")"),
          "ntk_program.cuh does not run OP_" + code);
    }
    assertTrue(interpreter.contains("NTK_EXPECTATION_TABLE(NTK_CASE)"),
        "ntk_program.cuh does not dispatch the header's functions");
  }

  /** The expression evaluator's #defines in cuda/ntk_program.cuh equal ExpressionCode's. */
  @Test
  void expressionCodesMatchTheEvaluator() throws Exception {
    String cu = source("ntk_program.cuh");
    java.util.Map<String, Integer> codes = new java.util.LinkedHashMap<>();
    codes.put("X", ExpressionCode.X);
    codes.put("CONST", ExpressionCode.CONST);
    codes.put("POWI", ExpressionCode.POWI);
    codes.put("STACK", ExpressionCode.MAX_STACK);
    for (Operation op : Operation.values()) {
      codes.put(op.name(), ExpressionCode.FIRST_OPERATION + op.ordinal());
    }
    for (var e : codes.entrySet()) {
      Matcher m = Pattern.compile("#define EX_" + e.getKey() + " (\\d+)").matcher(cu);
      assertTrue(m.find(), "EX_" + e.getKey() + " not defined in ntk_program.cuh");
      assertEquals(e.getValue(), Integer.parseInt(m.group(1)), "EX_" + e.getKey());
    }
  }

  /** A user's φ: the point count, nodes, weights, then φ's and φ′'s codes, each counted. */
  @Test
  void quadratureConstantsAreTheRuleThenBothExpressions() {
    ProgramCode c = encode("dense(4), elementwise(\"x * x + 2\", 3), dense(1)", 3);
    assertEquals(ExpectationTable.code("quadrature"), c.code()[6]);
    int k = c.code()[7];
    double[] d = c.constants();
    assertEquals(3, d[k]);
    assertArrayEquals(new double[] {-Math.sqrt(3), 0, Math.sqrt(3)},
        java.util.Arrays.copyOfRange(d, k + 1, k + 4), 1e-15);
    assertArrayEquals(new double[] {1 / 6.0, 2 / 3.0, 1 / 6.0},
        java.util.Arrays.copyOfRange(d, k + 4, k + 7), 1e-15);
    int mul = ExpressionCode.FIRST_OPERATION + Operation.MUL.ordinal();
    int add = ExpressionCode.FIRST_OPERATION + Operation.ADD.ordinal();
    // x * x + 2, then its derivative x + x
    assertArrayEquals(new double[] {6, 0, 0, mul, 1, 2, add, 3, 0, 0, add},
        java.util.Arrays.copyOfRange(d, k + 7, k + 18));
  }

  @Test
  void tooDeepAnExpressionIsAClearError() {
    String deep = "x" + " + (x".repeat(20) + ")".repeat(20);
    ArchitectureException e = assertThrows(ArchitectureException.class,
        () -> encode("dense(4), elementwise(\"" + deep + "\", 3), dense(1)", 3));
    assertTrue(e.getMessage().startsWith("the CUDA backend evaluates expressions with a stack"
        + " of 16 values"), e.getMessage());
  }

  /** Function codes are the positions in the header's table, which ends at its last line. */
  @Test
  void functionCodesArePositionsInTheHeadersTable() {
    String header = "#define NTK_EXPECTATION_TABLE(X) \\\n  X(first, (NTK_Q)) \\\n"
        + "  X(second, (k[0], NTK_Q))\n\n  X(notInTheTable, (NTK_Q))\n";
    assertEquals(java.util.Map.of("first", 0, "second", 1), ExpectationTable.codes(header));
    assertEquals(0, ExpectationTable.code("abrelu"));
    assertEquals(-1, ExpectationTable.code("nosuchfunction"));
  }

  /** The host loops step by the panel width the linear-algebra kernels were built with. */
  @Test
  void panelWidthMatchesTheLinearAlgebraSource() throws Exception {
    Matcher m = Pattern.compile("#define NB (\\d+)").matcher(source("ntk_linalg.cu"));
    assertTrue(m.find(), "NB not defined in ntk_linalg.cu");
    assertEquals(CudaLinearAlgebra.NB, Integer.parseInt(m.group(1)));
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new AssertionError(v + " not found");
  }
}
