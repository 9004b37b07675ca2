package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The CPU tile kernel's blocking on grids of several tiles (the contract's inputs fit in one):
 * symmetric requests skip blocks below the diagonal of diagonal tiles only, and edges that are
 * not multiples of the 8 × 16 register blocks are cut right.
 */
class OpenClCpuTileTest {
  private static final Architecture ARCH = Architecture.parse(
      "dense(64, w_std=1.5, b_std=0.05), relu(), dense(64, w_std=1.5, b_std=0.05), relu(),"
          + " dense(1, w_std=1.5, b_std=0.05)");
  private static OpenClKernelBackend backend;

  @BeforeAll
  static void open() {
    OpenClTestSupport.requireOpenCl();
    backend = new OpenClKernelBackend(OpenClTestSupport.smallTiles()
        .withTileKernel(OpenClSettings.TileKernel.VECTOR));
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void symmetricGridOfTilesMatchesOracle() {
    check(KernelRequest.symmetric(ARCH, gaussian(150, 37, 1)));
  }

  @Test
  void rectangularGridOfTilesMatchesOracle() {
    check(KernelRequest.of(ARCH, gaussian(131, 37, 2), gaussian(77, 37, 3)));
  }

  @Test
  void packedPanelsAreKMajorAndPaddedToTwoPanels() {
    Matrix x = gaussian(9, 3, 4);
    Matrix p = OpenClTileKernels.packedPanels(x, 8);
    assertEquals(2 * 3 * 8, p.rows() * p.cols());
    assertEquals(x.get(8, 2), p.data()[(1 * 3 + 2) * 8 + 0]);
    assertEquals(x.get(5, 1), p.data()[(0 * 3 + 1) * 8 + 5]);
    assertEquals(0.0, p.data()[(1 * 3 + 2) * 8 + 1]);
    Matrix wide = OpenClTileKernels.packedPanels(x, 16);
    assertEquals(2 * 3 * 16, wide.rows() * wide.cols());
    assertEquals(x.get(8, 2), wide.data()[2 * 16 + 8]);
  }

  @Test
  void float32TilesUseSixteenWidePanels() {
    try (OpenClKernelBackend f32 = new OpenClKernelBackend(OpenClTestSupport.smallTiles()
        .withTileKernel(OpenClSettings.TileKernel.VECTOR)
        .withPrecision(org.ntk4j.Precision.FLOAT32))) {
      KernelRequest r = KernelRequest.symmetric(ARCH, gaussian(150, 37, 5));
      Kernels device = f32.compute(r);
      Kernels oracle = new JavaBackend().compute(r);
      assertClose(oracle.ntk(), device.ntk(), 1e-4);
      assertClose(oracle.nngp(), device.nngp(), 1e-4);
    }
  }

  private static void check(KernelRequest request) {
    Kernels device = backend.compute(request);
    Kernels oracle = new JavaBackend().compute(request);
    assertClose(oracle.nngp(), device.nngp(), 1e-10);
    assertClose(oracle.ntk(), device.ntk(), 1e-10);
  }

  private static void assertClose(Matrix expected, Matrix actual, double tolerance) {
    double scale = 0;
    for (double v : expected.data()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.rows(); i++) {
      for (int j = 0; j < expected.cols(); j++) {
        assertEquals(expected.get(i, j), actual.get(i, j), tolerance * scale,
            "entry (" + i + ", " + j + ")");
      }
    }
  }

  private static Matrix gaussian(int n, int d, long seed) {
    Random random = new Random(seed);
    Matrix x = Matrix.zeros(n, d);
    for (int i = 0; i < n * d; i++) {
      x.data()[i] = random.nextGaussian();
    }
    return x;
  }
}
