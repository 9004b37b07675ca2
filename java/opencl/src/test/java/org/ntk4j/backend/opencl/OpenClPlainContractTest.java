package org.ntk4j.backend.opencl;

/**
 * As {@link OpenClAvx512ContractTest} with the plain block (4 × 2 vectors of 2 float64 lanes;
 * X1 packed apart from X2).
 */
class OpenClPlainContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.cpuVariant(CpuVariant.PLAIN);
  }
}
