package org.ntk4j.predict;

import org.ntk4j.linalg.Matrix;

/**
 * A Gaussian over outputs: the mean (m × k) and the covariance between examples (m × m, shared
 * by every output column), or null when it was not asked for.
 */
public record Gaussian(Matrix mean, Matrix covariance) {}
