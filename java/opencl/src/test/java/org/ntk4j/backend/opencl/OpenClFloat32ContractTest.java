package org.ntk4j.backend.opencl;

import org.ntk4j.Precision;

/** Float32 on the first device with the kernel its type and ISA choose. */
class OpenClFloat32ContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.smallTiles().withPrecision(Precision.FLOAT32);
  }
}
