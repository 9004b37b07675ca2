package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * OpenCL tests run for real wherever a platform exists. Under CI=true a missing platform is a
 * failure (CI installs PoCL, so its absence is a broken setup); elsewhere the tests are skipped
 * with the reason.
 */
public final class OpenClTestSupport {
  private OpenClTestSupport() {}

  public static void requireOpenCl() {
    OpenClProbe probe = OpenClPlatforms.probe();
    if (probe.available()) {
      return;
    }
    String reason = "no OpenCL device: " + String.join("; ", probe.problems());
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + " (CI=true: install pocl-opencl-icd)");
    }
    Assumptions.assumeTrue(false, reason);
  }

  /** The first device (PoCL in CI), float64 unless asked otherwise, with 32-wide tiles. */
  static OpenClSettings smallTiles() {
    return OpenClSettings.defaults().withMaxTileEdge(32);
  }

  /** {@link #smallTiles()} with the CPU tile kernel forced to {@code variant}'s register block. */
  static OpenClSettings cpuVariant(CpuVariant variant) {
    return smallTiles().withTileKernel(OpenClSettings.TileKernel.VECTOR)
        .withCpuVariant(Optional.of(variant));
  }
}
