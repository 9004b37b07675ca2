package org.ntk4j.predict;

import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.stax.Architecture;

/**
 * The kernels a prediction runs on: train-train, test-train (null without a test set) and
 * test-test (null unless covariances are asked for). Each pair holds only the kinds the
 * prediction reads.
 */
public record PredictionKernels(KernelPair trainTrain, KernelPair testTrain,
    KernelPair testTest) implements AutoCloseable {

  /**
   * Computes on {@code backend} exactly the kernels of {@code architecture} that {@code needs}
   * names: train-train on {@code x} (upper triangle only), test-train on ({@code xTest},
   * {@code x}) and test-test on {@code xTest} when asked.
   *
   * @param xTest test inputs, or null without a test set
   */
  public static PredictionKernels compute(KernelBackend backend, Architecture architecture,
      Matrix x, Matrix xTest, PredictionSpec.KernelNeeds needs) {
    return compute(backend, architecture, x, xTest, needs, MatrixAllocator.HEAP);
  }

  /**
   * As above, into matrices from {@code storage} (e.g. the linear algebra's own, so that it
   * factors them in place: {@link org.ntk4j.linalg.LinearAlgebra#allocator()}).
   */
  public static PredictionKernels compute(KernelBackend backend, Architecture architecture,
      Matrix x, Matrix xTest, PredictionSpec.KernelNeeds needs, MatrixAllocator storage) {
    architecture.output(x.cols());
    Kernels train = backend.compute(new KernelRequest(architecture, x, null, needs.nngp(),
        needs.ntk()), storage, ProgressListener.NONE);
    Kernels testTrain = xTest == null || !needs.testTrain() ? null
        : backend.compute(new KernelRequest(architecture, xTest, x, needs.nngp(), needs.ntk()),
            storage, ProgressListener.NONE);
    KernelKind tt = needs.testTest();
    Kernels testTest = xTest == null || tt == null ? null
        : backend.compute(new KernelRequest(architecture, xTest, null, tt == KernelKind.NNGP,
            tt == KernelKind.NTK), storage, ProgressListener.NONE);
    return new PredictionKernels(pair(train), testTrain == null ? null : pair(testTrain),
        testTest == null ? null : pair(testTest));
  }

  /** Precomputed kernels of one kind (train-train, and test-train or null). */
  public static PredictionKernels precomputed(KernelKind kind, Matrix trainTrain,
      Matrix testTrain) {
    return new PredictionKernels(pair(kind, trainTrain),
        testTrain == null ? null : pair(kind, testTrain), null);
  }

  private static KernelPair pair(Kernels k) {
    return new KernelPair(k.nngp(), k.ntk());
  }

  private static KernelPair pair(KernelKind kind, Matrix m) {
    return kind == KernelKind.NNGP ? new KernelPair(m, null) : new KernelPair(null, m);
  }

  /** Checks the precomputed kernels against the number of training targets. */
  public static void requireShapes(Matrix kTrain, String kTrainLabel, Matrix kTestTrain,
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

  /** Frees the kernels' native memory (they may have been factored in place: not reusable). */
  @Override
  public void close() {
    for (KernelPair p : new KernelPair[] {trainTrain, testTrain, testTest}) {
      if (p != null) {
        for (Matrix m : new Matrix[] {p.nngp(), p.ntk()}) {
          if (m != null) {
            m.close();
          }
        }
      }
    }
  }

  /** The number of test examples (0 without a test set). */
  public int testRows() {
    KernelPair p = testTrain;
    if (p == null) {
      return 0;
    }
    return p.ntk() != null ? p.ntk().rows() : p.nngp().rows();
  }
}
