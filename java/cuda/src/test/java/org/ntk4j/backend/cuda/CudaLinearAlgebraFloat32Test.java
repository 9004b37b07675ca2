package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.LinearAlgebraContractTest;

/**
 * The linear-algebra contract on the GPU in float32 (skipped where there is no GPU). The
 * contract's matrices are well conditioned (G·Gᵀ/n + I, n ≤ 64), so float32 rounding
 * (6e-8 relative) grows by at most a few hundred.
 */
class CudaLinearAlgebraFloat32Test extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    CudaAssumptions.assumeCuda();
    return CudaLinearAlgebra.open(0, Precision.FLOAT32);
  }

  @Override
  protected double tolerance() {
    return 1e-4;
  }
}
