package org.ntk4j.kernel.tile;

import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;

/** A backend that can stream kernel tiles into a sink instead of building the whole matrix. */
public interface TiledKernelBackend extends KernelBackend {

  /**
   * Streams the kernel tiles into {@code sink} (which may resume an earlier run, see
   * {@link TileSink#finishedTiles()}) and returns the diagonals; the matrices of the returned
   * value are null.
   */
  Kernels computeInto(KernelRequest request, TileSink sink, ProgressListener progress);
}
