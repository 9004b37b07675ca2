package org.ntk4j.backend.opencl;

/**
 * The GPU tile kernel (local-memory panels, barriers, scalar recursion) forced onto the first
 * device, so that CI's PoCL checks the code GPUs run; float64.
 */
class OpenClLocalMemoryContractTest extends OpenClContract {
  @Override
  protected OpenClSettings settings() {
    return OpenClTestSupport.smallTiles()
        .withTileKernel(OpenClSettings.TileKernel.LOCAL_MEMORY);
  }
}
