package org.ntk4j.data;

import org.ntk4j.linalg.Matrix;

/** Training and test examples, features standardized with the training set's statistics. */
public record TrainTestSplit(LabeledData train, LabeledData test) {

  /** Fits the standardization on {@code train} and applies it to both. */
  public static TrainTestSplit standardize(LabeledData train, LabeledData test) {
    Standardization s = Standardization.fit(train.features());
    return new TrainTestSplit(train.standardized(s), test.standardized(s));
  }

  public Matrix xTrain() {
    return train.features();
  }

  public Matrix xTest() {
    return test.features();
  }

  public Matrix yTrain() {
    return train.oneHot();
  }

  public Matrix yTest() {
    return test.oneHot();
  }
}
