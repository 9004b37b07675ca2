package org.ntk4j.empirical;

import org.ntk4j.InvalidInputException;

/**
 * Gradient descent settings: learning rate η, heavy-ball momentum μ as in JAX's
 * {@code optimizers.momentum} (v ← μv + g, θ ← θ − ηv; μ = 0 is plain descent), and the batch
 * size (0: full batch; otherwise SGD over seeded shuffles, one epoch after another).
 */
public record Optimizer(double learningRate, double momentum, int batchSize, long seed) {

  public Optimizer {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidInputException("the learning rate must be a finite number > 0, got "
          + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new InvalidInputException("momentum must be in [0, 1), got " + momentum);
    }
    if (batchSize < 0) {
      throw new InvalidInputException("the batch size must be >= 0 (0 = full batch), got "
          + batchSize);
    }
  }

  /** Full-batch gradient descent. */
  public static Optimizer gradientDescent(double learningRate) {
    return new Optimizer(learningRate, 0, 0, 0);
  }

  public Optimizer withMomentum(double mass) {
    return new Optimizer(learningRate, mass, batchSize, seed);
  }

  public Optimizer withBatches(int size, long shuffleSeed) {
    return new Optimizer(learningRate, momentum, size, shuffleSeed);
  }

  boolean fullBatch(int examples) {
    return batchSize == 0 || batchSize >= examples;
  }
}
