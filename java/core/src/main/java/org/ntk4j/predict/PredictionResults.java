package org.ntk4j.predict;

import java.util.List;
import java.util.OptionalDouble;
import org.ntk4j.linalg.Matrix;

/**
 * What a prediction computed, one entry per time in the order asked.
 *
 * @param labels the times as printed, e.g. {@code t=10}
 * @param times the times (or step counts) as numbers, for plotting
 * @param train outputs (or ensemble means) on the training set, N × k each
 * @param testMean outputs (or means) on the test set, m × k each; null without a test set
 * @param testCov covariances on the test set, m × m each; null unless asked for
 * @param nngpLogMarginalLikelihood the NNGP posterior's log marginal likelihood (GP mode with
 *     the NNGP only)
 */
public record PredictionResults(List<String> labels, double[] times, List<Matrix> train,
    List<Matrix> testMean, List<Matrix> testCov, OptionalDouble nngpLogMarginalLikelihood) {}
