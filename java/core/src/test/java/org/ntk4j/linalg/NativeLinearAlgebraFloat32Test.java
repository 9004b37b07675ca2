package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.ntk4j.Precision;

/** The contract on native OpenBLAS in float32: agreement to float32 rounding of the inputs. */
class NativeLinearAlgebraFloat32Test extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    return assertInstanceOf(NativeLinearAlgebra.class, HostLinearAlgebra.open(Precision.FLOAT32),
        HostLinearAlgebra.describe());
  }

  @Override
  protected double tolerance() {
    return 2e-6;
  }
}
