package org.ntk4j.backend.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.ntk4j.Precision;
import org.ntk4j.kernel.DeviceKernelContract;
import org.ntk4j.kernel.KernelBackend;

/**
 * The device contract on the OpenCL backend with one configuration ({@link #settings()}),
 * against the float64 oracle.
 *
 * <p>Float64: the generated code repeats the oracle's operations in the same order (no
 * contraction), so only the device's atan2/exp/cos may differ, by an ulp or so, and entries
 * agree to ~1e-15 of their scale; 1e-10 leaves room for the depth-5 recursion to amplify that.
 * Parallel inputs get √(2ε) ≈ 2e-8 times a few: for a scaled copy the two sides' Gram entries
 * and norms round differently (the oracle sums feature pairs, the device one fma chain), so one
 * side's θ is ~1e-8 where the other's is 0.
 *
 * <p>Float32 (also with float64 Gram sums, which must do at least as well): rounding the
 * inputs costs 6e-8 relative; the Gram sums over d = 11 terms add ≲ d·6e-8 ≈ 7e-7 of the
 * Cauchy–Schwarz scale; each layer's map has O(1) sensitivity in those units, so six layers
 * stay near 1e-5, within the bound of 1e-4. √ε for float32 is 3.5e-4; a few layers of it at
 * θ = 0 stay below 2e-3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenClContract extends DeviceKernelContract {
  private OpenClKernelBackend backend;

  /** How the backend under test computes (tiles of at most 32, so every size spans tiles). */
  protected abstract OpenClSettings settings();

  @BeforeAll
  void open() {
    OpenClTestSupport.requireOpenCl();
    backend = new OpenClKernelBackend(settings());
  }

  @AfterAll
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected KernelBackend backend() {
    return backend;
  }

  private boolean float64() {
    return settings().precision() == Precision.FLOAT64;
  }

  @Override
  protected double tolerance() {
    return float64() ? 1e-10 : 1e-4;
  }

  @Override
  protected double parallelTolerance() {
    return float64() ? 1e-7 : 2e-3;
  }
}
