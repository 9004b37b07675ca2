package org.ntk4j.predict;

import org.ntk4j.kernel.InputChecks;
import org.ntk4j.kernel.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/** Refuses kernels and targets whose shapes do not fit, naming both shapes. */
final class PredictionChecks {
  private PredictionChecks() {}

  /** K(X, X) is N × N and finite, y is N × k and finite. */
  static void requireTrain(Matrix kTrainTrain, String kernelName, Matrix yTrain) {
    if (kTrainTrain.rows() != kTrainTrain.cols()) {
      throw new InvalidInputException("the train-train " + kernelName
          + " must be square, got shape " + kTrainTrain.shape());
    }
    InputChecks.requireValid(yTrain, "y_train");
    if (yTrain.rows() != kTrainTrain.rows()) {
      throw new InvalidInputException("the train-train " + kernelName + " has shape "
          + kTrainTrain.shape() + " but y_train has shape " + yTrain.shape()
          + ": they need the same number of training examples");
    }
    InputChecks.requireFinite(kTrainTrain, "the train-train " + kernelName);
  }

  /** K(x, X) is m × N and finite for N training examples. */
  static void requireTestTrain(Matrix kTestTrain, String kernelName, int nTrain) {
    if (kTestTrain.cols() != nTrain) {
      throw new InvalidInputException("the test-train " + kernelName + " has shape "
          + kTestTrain.shape() + " but there are " + nTrain + " training examples: it must be"
          + " (n_test, " + nTrain + ")");
    }
    InputChecks.requireFinite(kTestTrain, "the test-train " + kernelName);
  }

  /** K(x, x) is m × m for m test examples. */
  static void requireTestTest(Matrix kTestTest, String kernelName, int nTest) {
    if (kTestTest.rows() != nTest || kTestTest.cols() != nTest) {
      throw new InvalidInputException("the test-test " + kernelName + " has shape "
          + kTestTest.shape() + " but the test-train kernel has " + nTest + " rows: it must be ("
          + nTest + ", " + nTest + ")");
    }
    InputChecks.requireFinite(kTestTest, "the test-test " + kernelName);
  }

  /** Initial outputs have the shape of the targets they start from. */
  static void requireOutputs(Matrix f0, String name, int rows, int cols) {
    if (f0.rows() != rows || f0.cols() != cols) {
      throw new InvalidInputException(name + " has shape " + f0.shape() + " but must be ("
          + rows + ", " + cols + ") to match the targets");
    }
    InputChecks.requireFinite(f0, name);
  }
}
