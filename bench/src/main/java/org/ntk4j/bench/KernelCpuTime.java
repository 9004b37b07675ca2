package org.ntk4j.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.ntk4j.Precision;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.Backends;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.stax.Architecture;

/**
 * The process CPU time of one kernel job, best of several runs: the reference inputs
 * ({@link BenchInputs}) through depth × (dense, φ), X against itself. On a machine shared with
 * other jobs, CPU time varies far less than the wall time JMH measures, so two builds can be
 * compared side by side (bench/compare-cpu-time.sh). Uses only the public API, so it runs
 * against an older build's jar too.
 *
 * <p>Arguments: backend (java, opencl), precision (float64, float32), n, φ (e.g. relu()),
 * depth, runs.
 */
public final class KernelCpuTime {
  private KernelCpuTime() {}

  public static void main(String[] args) throws Exception {
    String backendName = args[0];
    Precision precision = Precision.valueOf(args[1].toUpperCase(Locale.ROOT));
    int n = Integer.parseInt(args[2]);
    String phi = args[3];
    int depth = Integer.parseInt(args[4]);
    int runs = Integer.parseInt(args[5]);
    Architecture arch = Architecture.parse(BenchInputs.reluNet(depth).replace("relu()", phi));
    KernelRequest request = KernelRequest.symmetric(arch, BenchInputs.uniform(n, 784, 42));
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    double best = Double.POSITIVE_INFINITY;
    try (KernelBackend backend = Backends.standard().open(backendName,
        BackendOptions.defaults().withPrecision(precision))) {
      for (int r = 0; r < runs; r++) {
        long t = os.getProcessCpuTime();
        backend.compute(request);
        best = Math.min(best, (os.getProcessCpuTime() - t) / 1e6);
      }
    }
    System.out.printf(Locale.ROOT, "%s %s n=%d %s depth %d: best of %d %.0f cpu-ms%n",
        backendName, args[1], n, phi, depth, runs, best);
  }
}
