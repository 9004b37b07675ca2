package org.ntk4j.backend.opencl;

import org.ntk4j.Precision;

/** Float32 kernels whose Gram sums run in float64 (the accumulate-in-double option). */
class OpenClDoubleAccumulationContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.smallTiles().withPrecision(Precision.FLOAT32)
        .withAccumulateInDouble(true);
  }
}
