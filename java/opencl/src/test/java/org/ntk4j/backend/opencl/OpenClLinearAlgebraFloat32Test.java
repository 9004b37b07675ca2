package org.ntk4j.backend.opencl;

import org.ntk4j.Precision;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.LinearAlgebraContractTest;

/**
 * The linear-algebra contract on OpenCL in float32. The contract's matrices are well
 * conditioned (G·Gᵀ/n + I, n ≤ 64), so float32 rounding (6e-8 relative) grows by at most a few
 * hundred.
 */
class OpenClLinearAlgebraFloat32Test extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    OpenClTestSupport.requireOpenCl();
    return new OpenClLinearAlgebra(0, Precision.FLOAT32);
  }

  @Override
  protected double tolerance() {
    return 1e-4;
  }
}
