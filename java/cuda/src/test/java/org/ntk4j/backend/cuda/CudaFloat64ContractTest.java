package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;

/**
 * Float64 on the GPU against the oracle (skipped, with the reason, where CUDA cannot run). The
 * PTX is built without contraction (--fmad=false) and the interpreter repeats the oracle's
 * operations in order, so only CUDA's atan2/exp/cos (≤ 2 ulp) differ: 1e-10 as for OpenCL.
 */
class CudaFloat64ContractTest extends CudaKernelContract {
  @Override
  protected Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  protected double tolerance() {
    return 1e-10;
  }

  @Override
  protected double parallelTolerance() {
    return 1e-10;
  }
}
