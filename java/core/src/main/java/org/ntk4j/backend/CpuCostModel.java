package org.ntk4j.backend;

/**
 * Seconds a CPU backend needs for a job: a fixed start-up plus, per pair, d Gram multiply-adds
 * and one expectation per nonlinearity (a layer step is the cost of an elementwise one):
 * setup + pairs·(d / gramRate + max(1, nonlinearities) / layerRate).
 *
 * @param setupSeconds start-up (for a device: context and an uncached kernel build)
 * @param gramRate pair-features per second (Gram multiply-adds on all cores)
 * @param layerRate pair-nonlinearities per second (expectations on all cores)
 * @see CpuCostCalibration the models {@code auto} uses, measured on the machine at hand
 */
public record CpuCostModel(double setupSeconds, double gramRate, double layerRate) {

  public double seconds(JobShape job) {
    double perPair = job.features() / gramRate + Math.max(1, job.nonlinearities()) / layerRate;
    return setupSeconds + job.pairs() * perPair;
  }
}
