package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.ArchitectureException;

/** The encoding the CUDA interpreter reads, and that its codes match cuda/ntk_tile.cu. */
class ProgramCodeTest {

  private static ProgramCode encode(String spec, int d) {
    return ProgramCode.encode(KernelProgram.compile(Architecture.parse(spec), d));
  }

  @Test
  void denseReluDenseEncodesAffineElementwiseAffine() {
    ProgramCode c = encode("dense(8, w_std=1.5, b_std=0.1), relu(), dense(1, w_std=2)", 5);
    assertArrayEquals(new int[] {
        ProgramCode.OP_AFFINE, 0, 1, 0,
        ProgramCode.OP_ELEMENTWISE, 0, ProgramCode.FN_ABRELU, 0, 4,
        ProgramCode.OP_AFFINE, 0, 1, 7}, c.code());
    assertArrayEquals(new double[] {2.25, 0.010000000000000002, 5, 1, 0, 1, 0, 4, 0, 8, 0},
        c.constants(), 1e-15);
    assertEquals(1, c.registerSets());
    assertEquals("s1", c.variant());
  }

  @Test
  void fanOutAndFanInUseRegisterSetsAndTheManyVariant() {
    ProgramCode c = encode("dense(8), fanout(3), parallel(relu(), erf(1, 2, 0), gelu()),"
        + " faninconcat(), dense(1)", 4);
    assertEquals(3, c.registerSets());
    assertEquals("s16", c.variant());
    int weighted = indexOf(c.code(), ProgramCode.OP_WEIGHTED);
    assertEquals(3, c.code()[weighted + 1]);
    int w = c.code()[weighted + 5];
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
        java.util.Arrays.copyOfRange(c.constants(), w, w + 3), 1e-15);
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

  /** The #defines of cuda/ntk_program.cuh and ntk_tile.cu (in the jar) equal the Java codes. */
  @Test
  void codesMatchTheCudaSource() throws Exception {
    String cu = source("ntk_program.cuh") + source("ntk_tile.cu");
    String[][] pairs = {
        {"OP_AFFINE", "0"}, {"OP_ELEMENTWISE", "1"}, {"OP_COPY", "2"}, {"OP_SUM", "3"},
        {"OP_PRODUCT", "4"}, {"OP_WEIGHTED", "5"}, {"FN_ABRELU", "0"}, {"FN_ERF", "1"},
        {"FN_GELU", "2"}, {"FN_SIN", "3"}, {"FN_RBF", "4"}, {"FN_SIGN", "5"},
        {"FN_MONOMIAL", "6"}, {"FN_RECTMONOMIAL", "7"}, {"MANY", "16"}};
    for (String[] p : pairs) {
      Matcher m = Pattern.compile("#define " + p[0] + " (\\d+)").matcher(cu);
      assertTrue(m.find(), p[0] + " not defined in the CUDA sources");
      assertEquals(p[1], m.group(1), p[0]);
      assertEquals(Integer.parseInt(p[1]), ProgramCode.class.getDeclaredField(
          p[0].equals("MANY") ? "MAX_REGISTER_SETS" : p[0]).getInt(null), p[0]);
    }
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
