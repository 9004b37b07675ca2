package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ntk4j.backend.JavaBackendProvider;
import org.ntk4j.backend.CpuCostModel;
import org.ntk4j.backend.JobShape;

/** How the OpenCL backend ranks itself for {@code auto}, with injected cost models. */
class OpenClAutoRankTest {
  private static final JobShape SMALL = new JobShape(100, 10, 1);
  private static final JobShape LARGE = new JobShape(10_000_000, 784, 5);

  /** A device with 1 s start-up but 10× the oracle's per-pair speed. */
  private final OpenClBackendProvider provider = new OpenClBackendProvider(
      new CpuCostModel(1.0, 1e10, 1e8), new CpuCostModel(0.0, 1e9, 1e7));

  @Test
  void aCpuDeviceWinsOnlyWhereItsStartUpIsPaidBack() {
    assertEquals(1, provider.rank(false, LARGE));
    assertEquals(-1, provider.rank(false, SMALL));
  }

  @Test
  void aCpuDeviceIsNotChosenForAJobNotKnown() {
    assertEquals(-1, provider.rank(false, null));
  }

  @Test
  void aGpuIsPreferredWhateverTheJob() {
    assertEquals(10, provider.rank(true, SMALL));
    assertEquals(10, provider.rank(true, null));
  }

  /**
   * The models measured here: a large job (N = 20000, d = 784, depth 5) goes to the CPU device,
   * a digits-sized one (N = 500, d = 64, one ReLU) to the oracle. Both margins are several-fold.
   */
  @Test
  void measuredModelsSendLargeJobsToTheCpuDeviceAndSmallOnesToJava() {
    OpenClTestSupport.requireOpenCl();
    OpenClDevice device = OpenClPlatforms.probe().device(0);
    Assumptions.assumeFalse(device.isGpu(), "device 0 is a GPU: auto takes it for every job");
    OpenClBackendProvider measured = new OpenClBackendProvider(
        OpenClBackendProvider.calibrate(device), JavaBackendProvider.calibrate());
    assertEquals(1, measured.rank(false, new JobShape(20_000L * 20_001 / 2, 784, 5)));
    assertEquals(-1, measured.rank(false, new JobShape(500L * 501 / 2, 64, 1)));
  }

  @Test
  void aSlowerDeviceNeverWins() {
    OpenClBackendProvider slow = new OpenClBackendProvider(new CpuCostModel(0.0, 1e8, 1e6),
        new CpuCostModel(0.0, 1e9, 1e7));
    assertEquals(-1, slow.rank(false, LARGE));
  }
}
