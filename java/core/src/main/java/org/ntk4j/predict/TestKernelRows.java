package org.ntk4j.predict;

import java.util.function.UnaryOperator;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.stax.Architecture;

/**
 * The test-train kernel K(x, X) of one kind, computed a block of test rows at a time: each
 * block is turned into its outputs and freed before the next is computed, so the m × N kernel
 * is never held whole.
 *
 * @param block test rows per block
 */
record TestKernelRows(KernelBackend backend, Architecture architecture, Matrix test,
    Matrix train, KernelKind kind, MatrixAllocator storage, int block) {

  /** The outputs of every block, stacked: row i is {@code rowsToOutputs} of K(x_i, X). */
  Matrix map(UnaryOperator<Matrix> rowsToOutputs) {
    int m = test.rows();
    Matrix out = null;
    for (int from = 0; from < m; from += block) {
      int to = Math.min(m, from + block);
      Kernels k = backend.compute(new KernelRequest(architecture, test.rowRange(from, to), train,
          kind == KernelKind.NNGP, kind == KernelKind.NTK), storage, ProgressListener.NONE);
      try (Matrix rows = kind == KernelKind.NNGP ? k.nngp() : k.ntk()) {
        Matrix part = rowsToOutputs.apply(rows);
        if (out == null) {
          out = Matrix.zeros(m, part.cols());
        }
        for (int i = 0; i < part.rows(); i++) {
          for (int j = 0; j < part.cols(); j++) {
            out.set(from + i, j, part.get(i, j));
          }
        }
      }
    }
    return out;
  }
}
