package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The CPU tile kernel's blocking on grids of several tiles (the contract's inputs fit in one),
 * for every register-block variant in float64 and float32: symmetric requests skip blocks below
 * the diagonal of diagonal tiles only, and edges that are not multiples of the register blocks
 * (8 × 16, 8 × 32, 4 × 8, 4 × 16, 4 × 4) are cut right.
 */
class OpenClCpuTileTest {
  private static final Architecture ARCH = Architecture.parse(
      "dense(64, w_std=1.5, b_std=0.05), relu(), dense(64, w_std=1.5, b_std=0.05), relu(),"
          + " dense(1, w_std=1.5, b_std=0.05)");

  @BeforeAll
  static void requireOpenCl() {
    OpenClTestSupport.requireOpenCl();
  }

  @ParameterizedTest
  @EnumSource(CpuVariant.class)
  void gridsOfTilesMatchOracle(CpuVariant variant) {
    for (Precision p : Precision.values()) {
      double tolerance = p == Precision.FLOAT64 ? 1e-10 : 1e-4;
      try (OpenClKernelBackend backend = new OpenClKernelBackend(
          OpenClTestSupport.cpuVariant(variant).withPrecision(p))) {
        check(backend, KernelRequest.symmetric(ARCH, gaussian(150, 37, 1)), tolerance);
        check(backend, KernelRequest.of(ARCH, gaussian(131, 37, 2), gaussian(77, 37, 3)),
            tolerance);
      }
    }
  }

  /** CPU tiles of a device use the block of its ISA, which is one of the variants. */
  @Test
  void defaultBlockIsTheDevicesVariant() {
    OpenClDevice device = OpenClPlatforms.probe().device(0);
    CpuVariant expected = CpuVariant.forDevice(device.name(), device.nativeDoubleWidth());
    OpenClKernelSource.Blocking blocking = OpenClKernelSource.blockingFor(device,
        OpenClSettings.defaults().withTileKernel(OpenClSettings.TileKernel.VECTOR), false);
    assertEquals(OpenClKernelSource.Blocking.cpu(expected, false), blocking);
  }

  @Test
  void packedPanelsAreKMajorAndPadded() {
    Matrix x = gaussian(9, 3, 4);
    Matrix p = OpenClTileKernels.packedPanels(x, 8, 16);
    assertEquals(2 * 3 * 8, p.rows() * p.cols());
    assertEquals(x.get(8, 2), p.data()[(1 * 3 + 2) * 8 + 0]);
    assertEquals(x.get(5, 1), p.data()[(0 * 3 + 1) * 8 + 5]);
    assertEquals(0.0, p.data()[(1 * 3 + 2) * 8 + 1]);
    Matrix wide = OpenClTileKernels.packedPanels(x, 16, 16);
    assertEquals(3 * 16, wide.rows() * wide.cols());
    assertEquals(x.get(8, 2), wide.data()[2 * 16 + 8]);
  }

  /**
   * The packing covers every row and column a work-item at the end reads (its whole block from
   * there): 9 rows + 8 columns of AVX2's float64 block in panels of 4; PLAIN's float64 panels
   * are 4 rows high for its 4-row blocks, though its vectors hold 2.
   */
  @Test
  void panelsArePaddedForTheLastBlock() {
    Matrix x = gaussian(9, 3, 4);
    OpenClKernelSource.Blocking avx2 = OpenClKernelSource.Blocking.cpu(CpuVariant.AVX2, false);
    assertEquals(8, avx2.cpuCols());
    assertEquals(20 * 3, OpenClTileKernels.packedPanels(x, avx2).data().length);
    OpenClKernelSource.Blocking plain = OpenClKernelSource.Blocking.cpu(CpuVariant.PLAIN, false);
    assertEquals(2, plain.panel());
    assertEquals(4, plain.packedHeight());
    assertEquals(16 * 3, OpenClTileKernels.packedPanels(x, plain).data().length);
  }

  @Test
  void float32SumsUseRegistersTwiceAsWide() {
    for (CpuVariant v : CpuVariant.values()) {
      assertEquals(2 * OpenClKernelSource.Blocking.cpu(v, false).panel(),
          OpenClKernelSource.Blocking.cpu(v, true).panel(), v.name());
    }
    assertEquals(16, OpenClKernelSource.Blocking.cpu(CpuVariant.AVX512, true).panel());
  }

  private static void check(OpenClKernelBackend backend, KernelRequest request,
      double tolerance) {
    Kernels device = backend.compute(request);
    Kernels oracle = new JavaBackend().compute(request);
    assertClose(oracle.nngp(), device.nngp(), tolerance);
    assertClose(oracle.ntk(), device.ntk(), tolerance);
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
