package org.ntk4j.cli;

import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.KernelPair;

/**
 * The kernels a prediction runs on: train-train, test-train (null without a test set) and
 * test-test (null unless covariances are asked for).
 */
record PredictKernels(KernelPair trainTrain, KernelPair testTrain, KernelPair testTest) {

  /** Checks the precomputed kernels against the number of training targets. */
  static void requireShapes(Matrix kTrain, String kTrainLabel, Matrix kTestTrain,
      String kTestLabel, Matrix yTrain, String yLabel) {
    if (kTrain.rows() != kTrain.cols()) {
      throw new InvalidInputException(kTrainLabel + " has shape " + kTrain.shape()
          + ": the train-train kernel must be square");
    }
    if (kTrain.rows() != yTrain.rows()) {
      throw new InvalidInputException(kTrainLabel + " has shape " + kTrain.shape() + " but "
          + yLabel + " has shape " + yTrain.shape() + ": they need the same number of"
          + " training examples");
    }
    if (kTestTrain != null && kTestTrain.cols() != kTrain.rows()) {
      throw new InvalidInputException(kTestLabel + " has shape " + kTestTrain.shape() + " but "
          + kTrainLabel + " has shape " + kTrain.shape() + ": the test-train kernel needs one"
          + " column per training example");
    }
  }

  int testRows() {
    KernelPair p = testTrain;
    if (p == null) {
      return 0;
    }
    return p.ntk() != null ? p.ntk().rows() : p.nngp().rows();
  }
}
