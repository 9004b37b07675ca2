package org.ntk4j.predict;

import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.InputChecks;
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
    requireSymmetric(kTrainTrain, "the train-train " + kernelName);
  }

  /** Symmetric up to rounding (1e-6 of the largest entry), or the eigenbasis would be wrong. */
  static void requireSymmetric(Matrix k, String name) {
    int n = k.rows();
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(k.get(i, j)));
      }
    }
    // Tile by tile, so that reading the mirror (down a column) stays in cache.
    for (int i0 = 0; i0 < n; i0 += SYMMETRY_TILE) {
      for (int j0 = i0; j0 < n; j0 += SYMMETRY_TILE) {
        for (int i = i0; i < Math.min(n, i0 + SYMMETRY_TILE); i++) {
          for (int j = Math.max(j0, i + 1); j < Math.min(n, j0 + SYMMETRY_TILE); j++) {
            if (Math.abs(k.get(i, j) - k.get(j, i)) > 1e-6 * scale) {
              throw new InvalidInputException(name + " is not symmetric: row " + (i + 1)
                  + ", column " + (j + 1) + " is " + k.get(i, j) + " but row " + (j + 1)
                  + ", column " + (i + 1) + " is " + k.get(j, i)
                  + "; pass the kernel of the training inputs with themselves");
            }
          }
        }
      }
    }
  }

  private static final int SYMMETRY_TILE = 64;

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

  /**
   * The optional inputs of a prediction from N × k targets: f₀ on the training set, K(x, X) and
   * f₀ on the test set (each may be null). Returns the number of test examples (0 without
   * K(x, X)).
   */
  static int requirePredictionInputs(Matrix fTrain0, Matrix kTestTrain, String kernelName,
      Matrix fTest0, int nTrain, int k) {
    if (fTrain0 != null) {
      requireOutputs(fTrain0, "f0 on the training set", nTrain, k);
    }
    if (kTestTrain == null) {
      return 0;
    }
    requireTestTrain(kTestTrain, kernelName, nTrain);
    int nTest = kTestTrain.rows();
    if (fTest0 != null) {
      requireOutputs(fTest0, "f0 on the test set", nTest, k);
    }
    return nTest;
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
