package org.ntk4j.predict;

import java.util.List;
import org.ntk4j.linalg.Matrix;

/**
 * Outputs at every point of a schedule, in the schedule's order.
 *
 * @param train f_t(X), one N × k matrix per point
 * @param test f_t(x), one m × k matrix per point; null when no test kernel was given
 */
public record Prediction(List<Matrix> train, List<Matrix> test) {}
