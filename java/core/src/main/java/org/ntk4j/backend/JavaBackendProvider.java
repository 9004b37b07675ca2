package org.ntk4j.backend;

import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelBackend;

/** The pure-Java float64 oracle: always available. */
public final class JavaBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "java";
  }

  @Override
  public BackendInfo probe() {
    int cores = Runtime.getRuntime().availableProcessors();
    return BackendInfo.available(name(), "pure Java on " + cores + " CPU core"
        + (cores == 1 ? "" : "s") + ", computes in float64 (float32 output is rounded from it)");
  }

  @Override
  public KernelBackend open(BackendOptions options) {
    return new JavaBackend(options.threads());
  }

  /** The oracle's cost model on this machine, measured now (see {@link CpuCostModels}). */
  public static CpuCostModel calibrate() {
    try (JavaBackend backend = new JavaBackend()) {
      return CpuCostCalibration.measure(backend, 0.0);
    }
  }
}
