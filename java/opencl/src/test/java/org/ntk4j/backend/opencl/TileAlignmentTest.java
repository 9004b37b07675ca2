package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.TestMatrices;
import org.ntk4j.stax.Architecture;

/**
 * The CPU tile kernel reads its inputs in whole panels of 8 (16) rows: a tile edge capped to
 * 20 or 7 used to start tiles inside a panel and gave kernels hundreds of times off. Caps keep
 * the kernel's alignment now.
 */
class TileAlignmentTest {
  @Test
  void edgesCappedOffThePanelsStillGiveTheOraclesKernels() {
    OpenClTestSupport.requireOpenCl();
    Matrix x = TestMatrices.gaussian(70, 5, 3);
    Architecture a = Architecture.parse("dense(8, w_std=1.5, b_std=0.1), relu(), dense(1)");
    Kernels oracle = new JavaBackend(1).compute(KernelRequest.symmetric(a, x));
    for (int cap : new int[] {7, 20}) {
      try (OpenClKernelBackend b = new OpenClKernelBackend(
          OpenClSettings.defaults().withMaxTileEdge(cap))) {
        Kernels k = b.compute(KernelRequest.symmetric(a, x));
        assertArrayEquals(oracle.ntk().toDoubleArray(), k.ntk().toDoubleArray(), 1e-10, "cap " + cap);
      }
    }
  }
}
