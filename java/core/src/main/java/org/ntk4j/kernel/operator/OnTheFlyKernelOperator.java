package org.ntk4j.kernel.operator;

import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.kernel.tile.TileGrid;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * K recomputed by a kernel backend for every product and never stored (KeOps-style): each
 * tile is computed, multiplied into the result and dropped, so the operator holds O(N) memory
 * (the inputs, V, the result and one or two tiles) for any N. A symmetric K computes only the
 * tiles on and above the diagonal, each used twice. A tiled backend (OpenCL, CUDA) streams its
 * tiles into the product while the device computes the next one; any other backend (the Java
 * oracle) computes tile by tile, diagonal tiles as symmetric requests so that every input paired
 * with itself gets exactly the value of the stored kernel.
 *
 * <p>One product costs one kernel computation (half of it for a symmetric K): this operator
 * pays off when K does not fit in memory or on disk, or is needed only once (a test-train
 * kernel).
 */
public final class OnTheFlyKernelOperator implements KernelOperator {
  /** Tile edge when tiles are computed one request at a time. */
  static final int REQUEST_TILE_EDGE = 1024;

  private final KernelBackend backend;
  private final Architecture architecture;
  private final Matrix x1;
  private final Matrix x2;
  private final boolean ntk;

  private OnTheFlyKernelOperator(KernelBackend backend, Architecture architecture, Matrix x1,
      Matrix x2, boolean ntk) {
    new KernelRequest(architecture, x1, x2, !ntk, ntk); // refuses bad inputs now, not mid-solve
    architecture.output(x1.cols());
    this.backend = backend;
    this.architecture = architecture;
    this.x1 = x1;
    this.x2 = x2;
    this.ntk = ntk;
  }

  /**
   * K(X, X), symmetric.
   *
   * @param ntk the NTK, else the NNGP
   */
  public static OnTheFlyKernelOperator symmetric(KernelBackend backend, Architecture arch,
      Matrix x, boolean ntk) {
    return new OnTheFlyKernelOperator(backend, arch, x, null, ntk);
  }

  /** K(X1, X2), e.g. test against train. */
  public static OnTheFlyKernelOperator of(KernelBackend backend, Architecture arch, Matrix x1,
      Matrix x2, boolean ntk) {
    return new OnTheFlyKernelOperator(backend, arch, x1, x2, ntk);
  }

  @Override
  public int rows() {
    return x1.rows();
  }

  @Override
  public int cols() {
    return x2 == null ? x1.rows() : x2.rows();
  }

  @Override
  public boolean isSquare() {
    return x2 == null;
  }

  private KernelRequest request(Matrix left, Matrix right) {
    return new KernelRequest(architecture, left, right, !ntk, ntk);
  }

  private Matrix kernel(Kernels k) {
    return ntk ? k.ntk() : k.nngp();
  }

  @Override
  public Matrix multiply(Matrix v) {
    if (v.rows() != cols()) {
      throw new IllegalArgumentException("K is " + rows() + "x" + cols() + " but V has shape "
          + v.shape());
    }
    boolean symmetric = x2 == null;
    TileProducts sum = new TileProducts(rows(), symmetric, v);
    if (backend instanceof TiledKernelBackend tiled) {
      tiled.computeInto(request(x1, x2), sum.sink(ntk), ProgressListener.NONE);
      return sum.result();
    }
    Matrix right = symmetric ? x1 : x2;
    for (Tile t : new TileGrid(rows(), cols(), REQUEST_TILE_EDGE, symmetric).tiles()) {
      Matrix left = x1.rowRange(t.r0(), t.r0() + t.rows());
      Matrix block = kernel(backend.compute(t.onDiagonal(symmetric) ? request(left, null)
          : request(left, right.rowRange(t.c0(), t.c0() + t.cols()))));
      sum.add(t, block.data());
    }
    return sum.result();
  }

  @Override
  public Matrix rows(int[] indices) {
    Operators.requireIndices(indices, rows());
    int d = x1.cols();
    double[] picked = new double[indices.length * d];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(x1.data(), indices[r] * d, picked, r * d, d);
    }
    return kernel(backend.compute(request(new Matrix(indices.length, d, picked),
        x2 == null ? x1 : x2)));
  }

  @Override
  public double[] diagonal() {
    Operators.requireSquare(this);
    Kernels k = backend.compute(request(x1, x1.rowRange(0, 1)));
    return ntk ? k.ntkDiag1() : k.nngpDiag1();
  }

  @Override
  public String description() {
    return "recomputed on the fly by the " + backend.name() + " backend, never stored";
  }
}
