package org.ntk4j.backend;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * Measures a CPU backend's {@link CpuCostModel} on this machine with two short jobs, each run
 * once to warm up and then until it has kept the process busy for {@value #MIN_BUSY_SECONDS}
 * CPU seconds (about 0.5 s in all on the pure-Java oracle): a wide Gram with no nonlinearity
 * (N = 2048, d = 512) and a narrow depth-{@value #DEPTH} ReLU recursion (N = 1024, d = 8). Per pair they cost
 * a = d·g + 1·l and b = d′·g + DEPTH·l (g = 1/gramRate, l = 1/layerRate), two equations for the
 * two rates. Times are the process's CPU time spread over the cores ({@link #busySeconds}), so
 * other programs loading the machine during the calibration do not make it look slower than it
 * is when they are gone.
 */
public final class CpuCostCalibration {
  static final int DEPTH = 5;
  /** CPU seconds per measurement: the process clock ticks in 10 ms on Linux. */
  static final double MIN_BUSY_SECONDS = 0.3;
  private static final int GRAM_ROWS = 2048;
  private static final int GRAM_FEATURES = 512;
  private static final int LAYER_ROWS = 1024;
  private static final int LAYER_FEATURES = 8;

  private CpuCostCalibration() {}

  /**
   * The model of {@code backend} (open and warm: its start-up is {@code setupSeconds}, measured
   * by the caller, e.g. with {@link #busySeconds}).
   *
   * @throws IllegalStateException when the timings do not fit the model (e.g. a machine so
   *     loaded that the narrow job ran slower per pair than the wide one could explain)
   */
  public static CpuCostModel measure(KernelBackend backend, double setupSeconds) {
    String layers = "dense(8, w_std=1.5, b_std=0.05), relu(), ".repeat(DEPTH) + "dense(1)";
    double gram = secondsPerPair(backend, "dense(1, w_std=1.5, b_std=0.05)", GRAM_ROWS,
        GRAM_FEATURES);
    double layer = secondsPerPair(backend, layers, LAYER_ROWS, LAYER_FEATURES);
    return fit(setupSeconds, gram, GRAM_FEATURES, layer, LAYER_FEATURES);
  }

  /**
   * Solves a = d1·g + l, b = d2·g + DEPTH·l for the rates 1/g and 1/l.
   *
   * @param gramPerPair seconds per pair of the job with {@code gramFeatures} and no
   *     nonlinearity
   * @param layerPerPair seconds per pair of the depth-{@value #DEPTH} job with
   *     {@code layerFeatures}
   */
  static CpuCostModel fit(double setupSeconds, double gramPerPair, int gramFeatures,
      double layerPerPair, int layerFeatures) {
    double ratio = (double) layerFeatures / gramFeatures;
    double l = (layerPerPair - ratio * gramPerPair) / (DEPTH - ratio);
    double g = (gramPerPair - l) / gramFeatures;
    if (!(g > 0 && l > 0)) {
      throw new IllegalStateException(String.format("calibration timings do not fit the cost"
          + " model: %.3g s per pair at d = %d, %.3g s per pair at d = %d with %d ReLUs",
          gramPerPair, gramFeatures, layerPerPair, layerFeatures, DEPTH));
    }
    return new CpuCostModel(setupSeconds, 1 / g, 1 / l);
  }

  /** Seconds per pair on free cores: busy time per run over the cores, after a warm-up run. */
  private static double secondsPerPair(KernelBackend backend, String spec, int n, int features) {
    KernelRequest request = KernelRequest.symmetric(Architecture.parse(spec),
        uniform(n, features));
    long pairs = JobShape.of(request).pairs();
    backend.compute(request);
    double busy = 0;
    int runs = 0;
    while (busy < MIN_BUSY_SECONDS || runs < 2) {
      busy += busySeconds(() -> backend.compute(request));
      runs++;
    }
    return busy / runs / Runtime.getRuntime().availableProcessors() / pairs;
  }

  /**
   * The CPU seconds (all threads, native ones included) the process spends in {@code work}, or
   * its wall time times the cores where the JVM cannot tell (no {@code jdk.management}).
   */
  public static double busySeconds(Runnable work) {
    OperatingSystemMXBean os = processCpu();
    long cpu0 = os != null ? os.getProcessCpuTime() : -1;
    long wall0 = System.nanoTime();
    work.run();
    long wall = System.nanoTime() - wall0;
    long cpu = cpu0 >= 0 ? os.getProcessCpuTime() - cpu0 : -1;
    return cpu >= 0 ? cpu / 1e9 : wall / 1e9 * Runtime.getRuntime().availableProcessors();
  }

  private static OperatingSystemMXBean processCpu() {
    try {
      return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
          && os.getProcessCpuTime() >= 0 ? os : null;
    } catch (LinkageError e) {
      return null;
    }
  }

  private static Matrix uniform(int n, int d) {
    SplittableRandom random = new SplittableRandom(1);
    Matrix x = Matrix.zeros(n, d);
    for (int i = 0; i < n * d; i++) {
      x.data()[i] = random.nextDouble(-1, 1);
    }
    return x;
  }
}
