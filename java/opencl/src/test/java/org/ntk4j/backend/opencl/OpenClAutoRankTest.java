package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
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

  @Test
  void aSlowerDeviceNeverWins() {
    OpenClBackendProvider slow = new OpenClBackendProvider(new CpuCostModel(0.0, 1e8, 1e6),
        new CpuCostModel(0.0, 1e9, 1e7));
    assertEquals(-1, slow.rank(false, LARGE));
  }
}
