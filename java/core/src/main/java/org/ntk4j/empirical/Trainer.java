package org.ntk4j.empirical;

import java.util.SplittableRandom;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/** Trains a {@link Model} on (X, y) with a {@link Loss} and an {@link Optimizer}. */
public final class Trainer {

  /** Sees θ before the first step (step 0) and after every step; it may keep a copy. */
  @FunctionalInterface
  public interface Observer {
    void observe(int step, Params theta);

    Observer NONE = (step, theta) -> { };
  }

  private final Model model;
  private final Loss loss;
  private final Optimizer optimizer;

  public Trainer(Model model, Loss loss, Optimizer optimizer) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
  }

  /** Runs {@code steps} updates from θ₀ (not modified) and returns the final parameters. */
  public Params train(Params theta0, Matrix x, Matrix y, int steps, Observer observer) {
    if (x.rows() != y.rows()) {
      throw new InvalidInputException("X has " + x.rows() + " rows but y has " + y.rows()
          + "; give one target row per example");
    }
    Params theta = theta0.copy();
    Params velocity = null;
    Batches batches = optimizer.fullBatch(x.rows()) ? null
        : new Batches(x.rows(), optimizer.batchSize(), optimizer.seed());
    observer.observe(0, theta);
    for (int step = 1; step <= steps; step++) {
      Matrix bx = x;
      Matrix by = y;
      if (batches != null) {
        int[] rows = batches.next();
        bx = gather(x, rows);
        by = gather(y, rows);
      }
      Model.Evaluation e = model.evaluate(theta, bx);
      Params g = e.pullback(loss.gradient(e.output(), by));
      if (optimizer.momentum() > 0) {
        velocity = velocity == null ? g : velocity.scale(optimizer.momentum()).addScaled(g, 1);
        g = velocity;
      }
      theta.addScaled(g, -optimizer.learningRate());
      observer.observe(step, theta);
    }
    return theta;
  }

  public Params train(Params theta0, Matrix x, Matrix y, int steps) {
    return train(theta0, x, y, steps, Observer.NONE);
  }

  static Matrix gather(Matrix m, int[] rows) {
    Matrix out = Matrix.zeros(rows.length, m.cols());
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(m.data(), rows[i] * m.cols(), out.data(), i * m.cols(), m.cols());
    }
    return out;
  }

  /** Minibatches of a seeded shuffle, reshuffled each epoch; a short last batch is dropped. */
  private static final class Batches {
    private final int[] order;
    private final int size;
    private final SplittableRandom rng;
    private int at;

    Batches(int n, int size, long seed) {
      this.order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      this.size = size;
      this.rng = new SplittableRandom(seed);
      this.at = n;
    }

    int[] next() {
      if (at + size > order.length) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        at = 0;
      }
      int[] batch = java.util.Arrays.copyOfRange(order, at, at + size);
      at += size;
      return batch;
    }
  }
}
