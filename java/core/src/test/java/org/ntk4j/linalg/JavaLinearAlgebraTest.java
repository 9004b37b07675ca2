package org.ntk4j.linalg;

class JavaLinearAlgebraTest extends LinearAlgebraContractTest {
  @Override
  protected LinearAlgebra create() {
    return new JavaLinearAlgebra();
  }
}
