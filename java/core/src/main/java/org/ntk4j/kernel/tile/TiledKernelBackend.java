package org.ntk4j.kernel.tile;

import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.linalg.MatrixAllocator;

/** A backend that can stream kernel tiles into a sink instead of building the whole matrix. */
public interface TiledKernelBackend extends KernelBackend {

  /**
   * Streams the kernel tiles into {@code sink} (which may resume an earlier run, see
   * {@link TileSink#finishedTiles()}) and returns the diagonals; the matrices of the returned
   * value are null.
   */
  Kernels computeInto(KernelRequest request, TileSink sink, ProgressListener progress);

  @Override
  default Kernels compute(KernelRequest request, ProgressListener progress) {
    return compute(request, MatrixAllocator.HEAP, progress);
  }

  /** The whole matrices in memory: the tiles streamed into a {@link MatrixSink}. */
  @Override
  default Kernels compute(KernelRequest request, MatrixAllocator out,
      ProgressListener progress) {
    int n1 = request.x1().rows();
    int n2 = request.right().rows();
    try (MatrixSink sink = new MatrixSink(n1, n2, request.nngp(), request.ntk(), out)) {
      Kernels diagonals = computeInto(request, sink, progress);
      return new Kernels(sink.nngp(), sink.ntk(), diagonals.nngpDiag1(), diagonals.ntkDiag1(),
          diagonals.nngpDiag2(), diagonals.ntkDiag2());
    }
  }
}
