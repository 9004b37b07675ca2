package org.ntk4j.kernel;

import org.ntk4j.Precision;
import org.ntk4j.linalg.HostLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;

/**
 * Computes infinite-width kernels. Implementations: the pure-Java oracle and the device
 * backends, all tested against the oracle. Backends hold native resources, hence closeable.
 */
public interface KernelBackend extends AutoCloseable {

  /** Short name used on the command line, e.g. {@code java}. */
  String name();

  /** Computes the kernels of the request in float64, into heap float64 matrices. */
  Kernels compute(KernelRequest request, ProgressListener progress);

  /**
   * Computes the kernels into matrices from {@code out} (e.g. native float32 storage for a
   * kernel larger than the heap). This default computes on the heap and copies; backends
   * override it to write into the matrices directly.
   */
  default Kernels compute(KernelRequest request, MatrixAllocator out, ProgressListener progress) {
    Kernels k = compute(request, progress);
    return new Kernels(moved(k.nngp(), out), moved(k.ntk(), out), k.nngpDiag1(), k.ntkDiag1(),
        k.nngpDiag2(), k.ntkDiag2());
  }

  private static Matrix moved(Matrix m, MatrixAllocator out) {
    if (m == null) {
      return null;
    }
    Matrix target = out.allocate(m.rows(), m.cols());
    m.copyInto(target);
    return target;
  }

  default Kernels compute(KernelRequest request) {
    return compute(request, ProgressListener.NONE);
  }

  /**
   * The linear algebra that runs where this backend runs (predictions solve and
   * eigendecompose its kernels there), computing in {@code precision}. It shares this
   * backend's device and must be closed before the backend. On the host it is native
   * BLAS/LAPACK, or the pure-Java oracle where the natives do not load
   * ({@link HostLinearAlgebra}).
   */
  default LinearAlgebra linearAlgebra(Precision precision) {
    return HostLinearAlgebra.open(precision);
  }

  /** {@link #linearAlgebra(Precision)} in float64. */
  default LinearAlgebra linearAlgebra() {
    return linearAlgebra(Precision.FLOAT64);
  }

  @Override
  default void close() {}
}
