package org.ntk4j.backend.opencl;

/** As {@link OpenClAvx512ContractTest} with AVX2's block (4 × 2 vectors of 4 float64 lanes). */
class OpenClAvx2ContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.cpuVariant(CpuVariant.AVX2);
  }
}
