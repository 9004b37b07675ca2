package org.ntk4j.backend.device;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.Precision;
import org.ntk4j.linalg.HostLinearAlgebra;
import org.ntk4j.linalg.JacobiEigen;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NotPositiveDefiniteException;
import org.ntk4j.linalg.Shapes;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.linalg.Triangle;

/**
 * {@link LinearAlgebra} on a device, for every backend: the blocked algorithms of
 * opencl/ntk_linalg.cl (see its header: right-looking Cholesky and blocked substitution over a
 * tiled GEMM, parallel cyclic Jacobi for eigh) sequenced from the host. Each call uploads its
 * arguments, runs on the device and downloads the result; in float32 the arguments are rounded
 * to float on upload (the name says so). Calls are serialized: one runtime, one in-order queue.
 * A backend makes one by subclassing with its runtime, its build of the kernels and, where it
 * has one, a vendor GEMM.
 */
public class DeviceLinearAlgebra implements LinearAlgebra {
  /** Jacobi stops when off(A)² ≤ tol²·‖A‖²_F (Golub &amp; Van Loan §8.5) or after MAX_SWEEPS. */
  private static final int MAX_SWEEPS = 40;

  private final String backend;
  private final DeviceRuntime runtime;
  private final boolean ownsRuntime;
  private final Precision precision;
  private final int panel;
  private final LinearAlgebraKernels kernels;
  private final DeviceGemm gemm;
  private LinearAlgebra host;

  /**
   * @param backend the backend's name, first in {@link #name()}
   * @param ownsRuntime whether {@link #close()} closes the runtime too
   * @param library the kernels of opencl/ntk_linalg.cl built for {@code precision}
   * @param panel the panel width of the blocked loops, at most the NB the kernels were built with
   * @param vendorGemm the products, or null for the hand-written GEMM of the library
   */
  protected DeviceLinearAlgebra(String backend, DeviceRuntime runtime, boolean ownsRuntime,
      KernelLibrary library, Precision precision, int panel, DeviceGemm vendorGemm) {
    this.backend = backend;
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
    this.precision = precision;
    this.panel = panel;
    this.kernels = new LinearAlgebraKernels(runtime, library, precision);
    this.gemm = vendorGemm != null ? vendorGemm : new KernelGemm(kernels);
  }

  @Override
  public String name() {
    return backend + "-" + precision.cliName() + " (" + runtime.deviceName() + ", "
        + gemm.description() + ")";
  }

  /** The host's LAPACK, for eigendecompositions too large for device Jacobi. */
  private LinearAlgebra host() {
    if (host == null) {
      host = HostLinearAlgebra.open(precision);
    }
    return host;
  }

  private DeviceMatrix upload(Matrix m, String what) {
    return DeviceMatrix.upload(runtime, m, precision, what);
  }

  /**
   * Cyclic Jacobi until off(A)² ≤ tol²·‖A‖²_F or after MAX_SWEEPS, up to
   * {@link JacobiEigen#MAX_DEVICE_ORDER}; larger matrices go to the host's LAPACK, which is
   * faster there (Jacobi costs O(n³) per sweep).
   */
  @Override
  public synchronized SymmetricEigen eigh(Matrix a) {
    Shapes.requireSquare(a, "eigh's argument");
    int n = a.rows();
    if (!JacobiEigen.onDevice(n)) {
      return host().eigh(a);
    }
    int m = n + (n & 1);
    int pairs = m / 2;
    double tol = precision == Precision.FLOAT64 ? 1e-14 : 1e-6;
    try (DeviceMatrix da = upload(JacobiEigen.lowerSymmetrized(a), "eigh");
        DeviceMatrix vt = upload(Matrix.identity(n), "eigenvectors");
        DeviceBuffer pq = runtime.allocate(2L * Integer.BYTES * pairs, "rotation pairs");
        DeviceBuffer cs = runtime.allocate(2L * pairs * precision.bytes(), "rotations");
        DeviceBuffer sums = runtime.allocate(2L * n * precision.bytes(), "row norms")) {
      for (int sweep = 0; sweep < MAX_SWEEPS && n > 1; sweep++) {
        for (int step = 0; step < m - 1; step++) {
          kernels.jacobiRotations(da.buffer(), n, m, step, pq, cs);
          kernels.jacobiRotateRows(da.buffer(), n, pairs, pq, cs);
          kernels.jacobiRotateRows(vt.buffer(), n, pairs, pq, cs);
          kernels.jacobiRotateColumns(da.buffer(), n, pairs, pq, cs);
        }
        kernels.rowNorms(da.buffer(), n, sums);
        if (converged(sums.readReals(2 * n, precision), tol)) {
          break;
        }
      }
      return JacobiEigen.sorted(da.download(), vt.download());
    }
  }

  /** Whether the off-diagonal mass is below tol² of the total, from ntk_row_norms' sums. */
  private static boolean converged(double[] sums, double tol) {
    double off = 0;
    double diag = 0;
    for (int i = 0; i < sums.length; i += 2) {
      off += sums[i];
      diag += sums[i + 1];
    }
    return off <= tol * tol * (off + diag);
  }

  @Override
  public synchronized Matrix cholesky(Matrix a) {
    Shapes.requireSquare(a, "the Cholesky argument");
    int n = a.rows();
    Matrix l = null;
    try (DeviceMatrix da = upload(a, "Cholesky");
        DeviceBuffer info = runtime.allocate(Integer.BYTES, "the Cholesky status")) {
      info.writeInts(new int[] {0});
      for (int k = 0; k < n; k += panel) {
        int b = Math.min(panel, n - k);
        kernels.potrfBlock(da.buffer(), n, k, b, info);
        int below = n - k - b;
        if (below > 0) {
          kernels.trsmPanel(da.buffer(), n, k, b, info);
          // A22 -= L21·L21ᵀ (lower triangle)
          gemm.gemm(false, true, below, below, b, -1, da.at(k + b, k), da.at(k + b, k), 1,
              da.at(k + b, k + b), true);
        }
      }
      kernels.zeroUpper(da.buffer(), n);
      if (info.readInts(1)[0] == 0) {
        l = da.download();
      }
    }
    if (l == null) {
      throw new NotPositiveDefiniteException(n, new JavaLinearAlgebra().eigh(a).min());
    }
    return l;
  }

  @Override
  public synchronized Matrix solveTriangular(Matrix t, Triangle triangle, boolean transpose,
      Matrix b) {
    Shapes.requireRightHandSide(t, b);
    int n = t.rows();
    int k = b.cols();
    // op(T) is lower exactly when T is lower and not transposed, or upper and transposed.
    boolean lower = (triangle == Triangle.LOWER) != transpose;
    try (DeviceMatrix dt = upload(t, "a triangular matrix");
        DeviceMatrix db = upload(b, "right-hand sides")) {
      for (int done = 0; done < n; done += panel) {
        int nb = Math.min(panel, n - done);
        int k0 = lower ? done : n - done - nb;
        kernels.trsvBlock(dt.buffer(), n, transpose, lower, db.buffer(), k, k0, nb);
        // The rows still to solve lose op(T)[rows, k0:k0+nb]·X[k0:k0+nb, :].
        int r0 = lower ? k0 + nb : 0;
        int rows = lower ? n - k0 - nb : k0;
        if (rows > 0) {
          gemm.gemm(transpose, false, rows, k, nb, -1,
              transpose ? dt.at(k0, r0) : dt.at(r0, k0), db.at(k0, 0), 1, db.at(r0, 0), false);
        }
      }
      return db.download();
    }
  }

  @Override
  public Matrix multiply(Matrix a, Matrix b) {
    Shapes.requireInner(a.cols(), b.rows(), a, b, "multiply");
    return product(a, false, b, false, a.rows(), b.cols(), a.cols());
  }

  @Override
  public Matrix multiplyTransposeA(Matrix a, Matrix b) {
    Shapes.requireInner(a.rows(), b.rows(), a, b, "multiplyTransposeA");
    return product(a, true, b, false, a.cols(), b.cols(), a.rows());
  }

  @Override
  public Matrix multiplyTransposeB(Matrix a, Matrix b) {
    Shapes.requireInner(a.cols(), b.cols(), a, b, "multiplyTransposeB");
    return product(a, false, b, true, a.rows(), b.rows(), a.cols());
  }

  private synchronized Matrix product(Matrix a, boolean ta, Matrix b, boolean tb, int m, int n,
      int k) {
    try (DeviceMatrix da = upload(a, "a product's left factor");
        DeviceMatrix db = upload(b, "a product's right factor");
        DeviceMatrix dc = DeviceMatrix.allocate(runtime, m, n, precision, "a product")) {
      gemm.gemm(ta, tb, m, n, k, 1, da.region(), db.region(), 0, dc.region(), false);
      return dc.download();
    }
  }

  /** One product L·[diag(F[0])·R | diag(F[1])·R | …], cut into its T blocks on the host. */
  @Override
  public synchronized List<Matrix> diagonalScaledProducts(Matrix left, Matrix factors,
      Matrix right) {
    Shapes.requireInner(left.cols(), right.rows(), left, right, "diagonalScaledProducts");
    if (factors.cols() != left.cols()) {
      throw new IllegalArgumentException("diagonalScaledProducts: factors of shape "
          + factors.shape() + " need " + left.cols() + " columns to scale " + left.shape());
    }
    int m = left.rows();
    int r = left.cols();
    int k = right.cols();
    int times = factors.rows();
    Matrix all;
    try (DeviceMatrix dl = upload(left, "L");
        DeviceMatrix df = upload(factors, "F");
        DeviceMatrix dr = upload(right, "R");
        DeviceMatrix scaled = DeviceMatrix.allocate(runtime, r, times * k, precision,
            "diag(F)·R blocks");
        DeviceMatrix out = DeviceMatrix.allocate(runtime, m, times * k, precision,
            "L·diag(F)·R")) {
      kernels.scaleRows(dr.buffer(), df.buffer(), r, k, times, scaled.buffer());
      gemm.gemm(false, false, m, times * k, r, 1, dl.region(), scaled.region(), 0,
          out.region(), false);
      all = out.download();
    }
    List<Matrix> result = new ArrayList<>(times);
    for (int t = 0; t < times; t++) {
      Matrix block = Matrix.zeros(m, k);
      for (int i = 0; i < m; i++) {
        System.arraycopy(all.toDoubleArray(), i * times * k + t * k, block.data(), i * k, k);
      }
      result.add(block);
    }
    return result;
  }

  @Override
  public synchronized void close() {
    gemm.close();
    if (ownsRuntime) {
      runtime.close();
    }
  }
}
