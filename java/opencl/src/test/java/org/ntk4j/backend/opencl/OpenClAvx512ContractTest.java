package org.ntk4j.backend.opencl;

/**
 * The CPU tile kernel with AVX-512's register block forced (8 × 2 vectors of 8 float64 lanes),
 * float64: every variant runs on whatever CPU the tests run on (they are block constants of
 * the same source), so each ISA's blocking is checked on every machine.
 */
class OpenClAvx512ContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.cpuVariant(CpuVariant.AVX512);
  }
}
