package org.ntk4j.predict;

import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.InputChecks;
import org.ntk4j.kernel.operator.KernelOperator;
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

  /**
   * A train-train kernel operator, checked without reading it whole: its diagonal is finite and
   * non-negative, and a sample of its rows (up to 16, spread over K) is finite and symmetric on
   * the sampled rows and columns, to 1e-6 of their largest entry. Catches a file that is not a
   * kernel (a test-train kernel, a corrupt file) before a solver runs on it.
   */
  static void requireKernelOperator(KernelOperator k, String name) {
    double[] d = k.diagonal();
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i]) || d[i] < 0) {
        throw new InvalidInputException(name + " has diagonal entry (" + i + ", " + i + ") = "
            + d[i] + ": a kernel's diagonal is finite and non-negative");
      }
    }
    int n = k.rows();
    int count = Math.min(n, 16);
    int[] sample = new int[count];
    for (int s = 0; s < count; s++) {
      sample[s] = (int) ((long) s * (n - 1) / Math.max(1, count - 1));
    }
    Matrix rows = k.rows(sample);
    InputChecks.requireFinite(rows, name);
    double scale = 0;
    for (double v : rows.data()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int a = 0; a < count; a++) {
      for (int b = a + 1; b < count; b++) {
        double ab = rows.get(a, sample[b]);
        double ba = rows.get(b, sample[a]);
        if (Math.abs(ab - ba) > 1e-6 * scale) {
          throw new InvalidInputException(name + " is not symmetric: entry (" + sample[a] + ", "
              + sample[b] + ") is " + ab + " but (" + sample[b] + ", " + sample[a] + ") is " + ba
              + "; pass the kernel of the training inputs with themselves");
        }
      }
    }
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
