package org.ntk4j.backend.opencl;

/** Float64 on the first device (PoCL in CI) with the kernel its type and ISA choose. */
class OpenClFloat64ContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.smallTiles();
  }
}
