package org.ntk4j.backend.opencl;

import org.ntk4j.Precision;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.LinearAlgebraContractTest;

/** The linear-algebra contract on OpenCL (PoCL in CI) in float64. */
class OpenClLinearAlgebraTest extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    OpenClTestSupport.requireOpenCl();
    return new OpenClLinearAlgebra(0, Precision.FLOAT64);
  }

  /** Jacobi and blocked Cholesky reorder the float64 sums of the oracle's algorithms. */
  @Override
  protected double tolerance() {
    return 1e-10;
  }
}
