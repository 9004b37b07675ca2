package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.ntk4j.Precision;

/** The contract on native OpenBLAS in float64 (the natives ship with the build: they must load). */
class NativeLinearAlgebraTest extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    return assertInstanceOf(NativeLinearAlgebra.class, HostLinearAlgebra.open(Precision.FLOAT64),
        HostLinearAlgebra.describe());
  }
}
