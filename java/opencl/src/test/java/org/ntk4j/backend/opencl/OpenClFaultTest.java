package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.jocl.CL;
import org.jocl.CLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.device.DeviceException;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.JobFingerprint;
import org.ntk4j.kernel.tile.NpyTileSink;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * Device failures mid-run, injected before a tile's launch: running out of memory shrinks the
 * tiles and goes on; any other failure stops the run naming its tile, and --resume finishes
 * the file as an uninterrupted run would have written it.
 */
class OpenClFaultTest {
  private static final Architecture ARCH = Architecture.parse(
      "dense(64, w_std=1.5, b_std=0.05), relu(), dense(1, w_std=1.5, b_std=0.05)");

  @TempDir Path dir;

  @BeforeAll
  static void requireOpenCl() {
    OpenClTestSupport.requireOpenCl();
  }

  @Test
  void runningOutOfDeviceMemoryMidRunShrinksTheTilesAndGoesOn() {
    KernelRequest request = KernelRequest.symmetric(ARCH, gaussian(300, 13, 1));
    List<Integer> edges = new ArrayList<>();
    AtomicInteger launches = new AtomicInteger();
    Kernels device;
    try (OpenClKernelBackend backend = new OpenClKernelBackend(
        OpenClSettings.defaults().withMaxTileEdge(128))) {
      backend.launchHook((tile, edge) -> {
        edges.add(edge);
        if (edge > 64 && launches.incrementAndGet() == 3) {
          throw new CLException("injected", CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
        }
      });
      device = backend.compute(request);
    }
    assertEquals(128, edges.get(0));
    assertEquals(64, edges.get(edges.size() - 1));
    Kernels oracle = new JavaBackend().compute(request);
    assertClose(oracle.nngp(), device.nngp());
    assertClose(oracle.ntk(), device.ntk());
  }

  @Test
  void aLostDeviceNamesItsTileAndResumeRecoversTheSameFile() throws IOException {
    KernelRequest request = KernelRequest.symmetric(ARCH, gaussian(200, 7, 2));
    String job = JobFingerprint.of(request, "float64");
    OpenClSettings settings = OpenClSettings.defaults().withMaxTileEdge(64);
    Path reference = dir.resolve("reference.npy");
    Path resumed = dir.resolve("resumed.npy");
    try (OpenClKernelBackend backend = new OpenClKernelBackend(settings)) {
      run(backend, request, reference, job, false);
      AtomicInteger launches = new AtomicInteger();
      backend.launchHook((tile, edge) -> {
        if (launches.getAndIncrement() == 5) {
          throw new CLException("injected", CL.CL_DEVICE_NOT_AVAILABLE);
        }
      });
      // Tiles of 64 over 200 rows, upper triangle: the sixth is at row 64, column 128.
      DeviceException e = assertThrows(DeviceException.class,
          () -> run(backend, request, resumed, job, false));
      assertTrue(e.getMessage().contains("tile at row 65, column 129"), e.getMessage());
      assertTrue(e.getMessage().contains("CL_DEVICE_NOT_AVAILABLE"), e.getMessage());
      assertFalse(Files.exists(resumed));
      backend.launchHook(OpenClKernelBackend.LaunchHook.NONE);
      run(backend, request, resumed, job, true);
    }
    assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(resumed));
  }

  private static void run(OpenClKernelBackend backend, KernelRequest request, Path target,
      String job, boolean resume) {
    try (NpyTileSink sink = new NpyTileSink(target, true, NpyDtype.FLOAT64, job, resume)) {
      backend.computeInto(request, sink, ProgressListener.NONE);
    }
  }

  private static void assertClose(Matrix expected, Matrix actual) {
    double scale = 0;
    for (double v : expected.data()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.rows(); i++) {
      for (int j = 0; j < expected.cols(); j++) {
        assertEquals(expected.get(i, j), actual.get(i, j), 1e-10 * scale,
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
