package org.ntk4j.bench;

import org.ntk4j.backend.cuda.CudaProbe;
import org.ntk4j.backend.cuda.CudaStatus;

/** What the CUDA benchmarks share: the availability check. */
final class CudaBench {
  private CudaBench() {}

  /** Fails the benchmark's setup with the probe's reasons where CUDA cannot run. */
  static void requireCuda() {
    CudaStatus s = CudaProbe.status();
    if (!s.available()) {
      throw new IllegalStateException("CUDA cannot run here: " + String.join("; ", s.reasons()));
    }
  }
}
