package org.ntk4j.backend;

/**
 * Seconds a CPU backend needs for a job: a fixed start-up plus, per pair, d Gram multiply-adds
 * and one expectation per nonlinearity (a layer step is the cost of an elementwise one):
 * setup + pairs·(d / gramRate + max(1, nonlinearities) / layerRate).
 *
 * @param setupSeconds start-up (for a device: context and an uncached kernel build)
 * @param gramRate pair-features per second (Gram multiply-adds on all cores)
 * @param layerRate pair-nonlinearities per second (expectations on all cores)
 */
public record CpuCostModel(double setupSeconds, double gramRate, double layerRate) {

  /*
   * Measured on the 2-core Skylake-AVX512 development machine (shared, so from process CPU
   * time, scaled to 2 free cores), float64, depth-5 ReLU networks at d = 784 (Gram) and d = 8
   * (recursion), warm JIT:
   *   java:  n = 2000, d = 784, no nonlinearity: 13.6M entries/s -> 6.8M pairs/s × 784;
   *          d = 8, depth 5: 22M entries/s -> 11M pairs/s × 5 expectations.
   *   pocl:  n = 4000, d = 784, no nonlinearity: 76M entries/s -> 38M pairs/s × 784;
   *          d = 8, depth 5: 59M entries/s -> 30M pairs/s × 5; a first (uncached) kernel build
   *          and context take about 1 s. Both scale with the cores alike, so the comparison
   *          holds on other CPUs roughly.
   */
  /** The pure-Java oracle. */
  public static final CpuCostModel JAVA = new CpuCostModel(0.0, 5.3e9, 55e6);
  /** The OpenCL kernels on a CPU device (PoCL). */
  public static final CpuCostModel OPENCL_CPU = new CpuCostModel(1.0, 30e9, 150e6);

  public double seconds(JobShape job) {
    double perPair = job.features() / gramRate + Math.max(1, job.nonlinearities()) / layerRate;
    return setupSeconds + job.pairs() * perPair;
  }
}
