package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.LinearAlgebraContractTest;

/** The linear-algebra contract on the GPU in float64 (skipped where there is no GPU). */
class CudaLinearAlgebraTest extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    CudaAssumptions.assumeCuda();
    return CudaLinearAlgebra.open(0, Precision.FLOAT64);
  }

  /** Jacobi and blocked Cholesky reorder the float64 sums of the oracle's algorithms. */
  @Override
  protected double tolerance() {
    return 1e-10;
  }
}
