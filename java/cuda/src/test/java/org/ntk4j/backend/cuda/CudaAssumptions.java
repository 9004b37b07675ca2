package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GPU tests run where CUDA can and are reported SKIPPED, with the probe's reasons, elsewhere. */
final class CudaAssumptions {
  private CudaAssumptions() {}

  static void assumeCuda() {
    CudaStatus s = CudaProbe.status();
    assumeTrue(s.available(), () -> "no usable CUDA GPU here: " + String.join("; ", s.reasons()));
  }
}
