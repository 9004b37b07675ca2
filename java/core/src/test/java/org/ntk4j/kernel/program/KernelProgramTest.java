package org.ntk4j.kernel.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.stax.ABRelu;
import org.ntk4j.stax.Architecture;

/** The compiled register program and its C, on architectures small enough to spell out. */
class KernelProgramTest {

  @Test
  void serialNetworkIsOneRegisterSet() {
    KernelProgram p = KernelProgram.compile(Architecture.parse(
        "dense(8, w_std=2, b_std=0.5), relu(), dense(1, parameterization=standard)"), 10);
    assertEquals(1, p.registerSets());
    assertEquals(0, p.output());
    assertEquals(List.of(
        new Op.Affine(0, 4.0, 0.25, true, 10, 1),
        new Op.Elementwise(0, ABRelu.relu()),
        new Op.Affine(0, 1.0, 0.0, false, 8, 0)), p.ops());
  }

  @Test
  void fanOutCopiesAndConcatWeighsByWidth() {
    KernelProgram p = KernelProgram.compile(Architecture.parse(
        "dense(4), fanout(2), parallel(dense(1), dense(3)), faninconcat()"), 5);
    assertEquals(2, p.registerSets());
    assertEquals(new Op.Copy(1, 0), p.ops().get(1));
    assertEquals(new Op.WeightedSum(List.of(0, 1), List.of(0.25, 0.75)), p.ops().get(4));
  }

  @Test
  void generatedCodeCallsTheSharedHeaderWithExactConstants() {
    KernelProgram p = KernelProgram.compile(Architecture.parse(
        "dense(8, w_std=1.5), leakyrelu(0.1), dense(8), erf(1, 2, 0), dense(1)"), 3);
    ProgramSource s = new ProgramSource(p, Precision.FLOAT64);
    assertEquals(2, p.variancePoints());
    String c = s.generate();
    assertTrue(c.contains("NTK_NAME(abrelu)((" + Double.toHexString(0.1) + "), (0x1.0p0), "),
        c);
    assertTrue(c.contains("NTK_NAME(erf)((0x1.0p0), (0x1.0p1), (0x0.0p0), "), c);
    assertTrue(c.contains("(0x1.2p1) * q12_0"), c); // w_std² = 2.25, exactly
    assertTrue(c.contains("NTK_STOREV(vars + 1 * stride, q11_0)"), c);
    String f = new ProgramSource(p, Precision.FLOAT32).generate();
    assertTrue(f.contains("(0x1.2p1f) * q12_0"), f);
  }
}
