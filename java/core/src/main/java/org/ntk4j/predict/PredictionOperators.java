package org.ntk4j.predict;

import java.util.function.Supplier;
import org.ntk4j.Precision;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.kernel.operator.OnTheFlyKernelOperator;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.stax.Architecture;

/**
 * The kernels an iterative prediction runs on, as operators: train-train (square) and test-train
 * (null without a test set), of the one kind the prediction solves with. Closing it closes both
 * (and what they own).
 */
public record PredictionOperators(KernelOperator trainTrain, KernelOperator testTrain)
    implements AutoCloseable {

  /**
   * Over kernels stored in matrices of any storage (heap, native, a mapped {@code .npy} from
   * {@code Npy.map}), read where they are: neither copied nor closed.
   *
   * @param testTrain null without a test set
   */
  public static PredictionOperators of(Matrix trainTrain, Matrix testTrain, int threads) {
    return pair(DenseKernelOperator.of(trainTrain, threads),
        () -> testTrain == null ? null : DenseKernelOperator.of(testTrain, threads));
  }

  /** Over kernels in memory, as they are or rounded to float32 copies when asked. */
  public static PredictionOperators inMemory(Matrix trainTrain, Matrix testTrain,
      Precision storage, int threads) {
    return pair(DenseKernelOperator.of(trainTrain, storage, threads),
        () -> testTrain == null ? null : DenseKernelOperator.of(testTrain, storage, threads));
  }

  /**
   * From an architecture: the train-train kernel computed once on {@code backend} into
   * {@code storage} (e.g. native float32; null: recomputed on the fly for every product
   * instead, never stored), and the test-train kernel recomputed on the fly, as it is applied
   * only once.
   *
   * @param xTest test inputs, or null
   * @param ntk the NTK, else the NNGP
   */
  public static PredictionOperators fromArchitecture(KernelBackend backend, Architecture arch,
      Matrix x, Matrix xTest, boolean ntk, MatrixAllocator storage, int threads) {
    KernelOperator train;
    if (storage == null) {
      train = OnTheFlyKernelOperator.symmetric(backend, arch, x, ntk);
    } else {
      var k = backend.compute(new KernelRequest(arch, x, null, !ntk, ntk), storage,
          ProgressListener.NONE);
      train = DenseKernelOperator.owning(ntk ? k.ntk() : k.nngp(), threads);
    }
    return pair(train,
        () -> xTest == null ? null : OnTheFlyKernelOperator.of(backend, arch, xTest, x, ntk));
  }

  /** The train operator and the test one made after it; the train one closed if that fails. */
  private static PredictionOperators pair(KernelOperator train,
      Supplier<KernelOperator> testTrain) {
    try {
      return new PredictionOperators(train, testTrain.get());
    } catch (RuntimeException | Error e) {
      train.close();
      throw e;
    }
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
