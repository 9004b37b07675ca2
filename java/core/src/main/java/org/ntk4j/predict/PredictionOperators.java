package org.ntk4j.predict;

import java.io.IOException;
import java.nio.file.Path;
import org.ntk4j.Precision;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.kernel.operator.NpyKernelOperator;
import org.ntk4j.kernel.operator.OnTheFlyKernelOperator;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The kernels an iterative prediction runs on, as operators: train-train (square) and test-train
 * (null without a test set), of the one kind the prediction solves with. Closing it closes both.
 */
public record PredictionOperators(KernelOperator trainTrain, KernelOperator testTrain)
    implements AutoCloseable {

  /** Over kernels already in memory (float64 as they are, or rounded to float32). */
  public static PredictionOperators inMemory(Matrix trainTrain, Matrix testTrain,
      Precision storage, int threads) {
    return new PredictionOperators(DenseKernelOperator.of(trainTrain, storage, threads),
        testTrain == null ? null : DenseKernelOperator.of(testTrain, storage, threads));
  }

  /**
   * Over {@code .npy} files read in panels, never loaded whole.
   *
   * @param testTrain the test-train file, or null
   * @param trainLabel how messages name the train-train file (and {@code testLabel} the other)
   */
  public static PredictionOperators files(Path trainTrain, String trainLabel, Path testTrain,
      String testLabel, int threads) throws IOException {
    NpyKernelOperator train = NpyKernelOperator.open(trainTrain, trainLabel, threads);
    try {
      return new PredictionOperators(train,
          testTrain == null ? null : NpyKernelOperator.open(testTrain, testLabel, threads));
    } catch (IOException | RuntimeException e) {
      train.close();
      throw e;
    }
  }

  /**
   * From an architecture: the train-train kernel computed once on {@code backend} and held in
   * memory in {@code storage} precision ({@code storage} null: recomputed on the fly for every
   * product instead, never stored), and the test-train kernel recomputed on the fly, as it is
   * applied only once.
   *
   * @param xTest test inputs, or null
   * @param ntk the NTK, else the NNGP
   */
  public static PredictionOperators fromArchitecture(KernelBackend backend, Architecture arch,
      Matrix x, Matrix xTest, boolean ntk, Precision storage, int threads) {
    KernelOperator train;
    if (storage == null) {
      train = OnTheFlyKernelOperator.symmetric(backend, arch, x, ntk);
    } else {
      var k = backend.compute(new KernelRequest(arch, x, null, !ntk, ntk));
      train = DenseKernelOperator.of(ntk ? k.ntk() : k.nngp(), storage, threads);
    }
    return new PredictionOperators(train,
        xTest == null ? null : OnTheFlyKernelOperator.of(backend, arch, xTest, x, ntk));
  }

  /** The number of test examples (0 without a test set). */
  public int testRows() {
    return testTrain == null ? 0 : testTrain.rows();
  }

  @Override
  public void close() {
    trainTrain.close();
    if (testTrain != null) {
      testTrain.close();
    }
  }
}
