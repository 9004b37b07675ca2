package org.ntk4j.data;

import java.util.SplittableRandom;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * Examples with class labels: features (n × d) and labels in 0..classes−1.
 */
public record LabeledData(Matrix features, int[] labels, int classes) {

  public LabeledData {
    if (features.rows() != labels.length) {
      throw new InvalidInputException(features.rows() + " examples but " + labels.length
          + " labels; give one label per row");
    }
    for (int l : labels) {
      if (l < 0 || l >= classes) {
        throw new InvalidInputException("label " + l + " is outside 0.." + (classes - 1));
      }
    }
  }

  public int size() {
    return labels.length;
  }

  /** One-hot targets, n × classes. */
  public Matrix oneHot() {
    return oneHot(labels, classes);
  }

  /** 1 in each label's column, 0 elsewhere. */
  public static Matrix oneHot(int[] labels, int classes) {
    Matrix y = Matrix.zeros(labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      y.set(i, labels[i], 1.0);
    }
    return y;
  }

  /** The examples at the given rows, in that order. */
  public LabeledData rows(int[] rows) {
    Matrix x = Matrix.zeros(rows.length, features.cols());
    int[] l = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(features.data(), rows[i] * features.cols(), x.data(),
          i * features.cols(), features.cols());
      l[i] = labels[rows[i]];
    }
    return new LabeledData(x, l, classes);
  }

  /** The same labels with the features standardized by {@code s}. */
  public LabeledData standardized(Standardization s) {
    return new LabeledData(s.apply(features), labels, classes);
  }

  /**
   * A seeded random split into {@code train} and {@code test} examples (disjoint), features
   * standardized by the training examples' column means and deviations.
   */
  public TrainTestSplit split(int train, int test, long seed) {
    if (train < 1 || test < 0 || (long) train + test > size()) {
      throw new InvalidInputException("cannot split " + size() + " examples into " + train
          + " for training and " + test + " for testing; ask for at most " + size()
          + " in all");
    }
    int[] order = permutation(size(), seed);
    int[] trainRows = java.util.Arrays.copyOfRange(order, 0, train);
    int[] testRows = java.util.Arrays.copyOfRange(order, train, train + test);
    return TrainTestSplit.standardize(rows(trainRows), rows(testRows));
  }

  /** {@code count} examples drawn at random without replacement, reproducibly from the seed. */
  public LabeledData sample(int count, long seed) {
    if (count < 0 || count > size()) {
      throw new InvalidInputException("cannot draw " + count + " of " + size()
          + " examples; ask for at most " + size());
    }
    return rows(java.util.Arrays.copyOf(permutation(size(), seed), count));
  }

  /** A seeded Fisher–Yates shuffle of 0..n−1. */
  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
