package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.backend.opencl.OpenClKernelBackend;
import org.ntk4j.backend.opencl.OpenClSettings;
import org.ntk4j.backend.opencl.OpenClTestSupport;

/**
 * A backend the cross-backend tests run: the oracle and OpenCL in float64 and float32 (PoCL in
 * CI; skipped elsewhere without a device, see {@link OpenClTestSupport}). OpenCL uses 32-wide
 * tiles so that small inputs still span several tiles.
 */
record TestedBackend(String name, Precision precision, Supplier<KernelBackend> opener) {

  static List<TestedBackend> all() {
    List<TestedBackend> out = new ArrayList<>();
    out.add(new TestedBackend("java", Precision.FLOAT64, () -> new JavaBackend(2)));
    for (Precision p : Precision.values()) {
      out.add(new TestedBackend("opencl " + p.cliName(), p, () -> {
        OpenClTestSupport.requireOpenCl();
        return new OpenClKernelBackend(
            OpenClSettings.defaults().withPrecision(p).withMaxTileEdge(32));
      }));
    }
    return out;
  }

  KernelBackend open() {
    return opener.get();
  }

  /** Relative rounding unit of the stored results. */
  double epsilon() {
    return precision == Precision.FLOAT64 ? 0x1p-53 : 0x1p-24;
  }

  @Override
  public String toString() {
    return name;
  }
}
