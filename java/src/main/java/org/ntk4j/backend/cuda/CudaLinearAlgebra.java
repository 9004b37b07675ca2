package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import org.ntk4j.backend.Precision;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NotPositiveDefiniteException;
import org.ntk4j.linalg.Shapes;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.linalg.Triangle;

/**
 * {@link LinearAlgebra} on one NVIDIA GPU, with the kernels of cuda/ntk_linalg.cu (see its
 * header for the algorithms) and cuBLAS GEMM where libcublas.so.12 loads. Each call uploads its
 * arguments, runs on the GPU and downloads the result; in float32 the arguments are rounded to
 * float on upload (the name says so). Calls are serialized: one GPU context, one queue.
 */
public final class CudaLinearAlgebra implements LinearAlgebra {
  /** The panel width of cuda/ntk_linalg.cu (NB). */
  private static final int NB = 32;
  private static final int THREADS = 256;
  /** Jacobi stops when off(A)² ≤ tol²·‖A‖²_F (Golub & Van Loan §8.5) or after MAX_SWEEPS. */
  private static final int MAX_SWEEPS = 40;

  private final CudaContext context;
  private final boolean ownsContext;
  private final Precision precision;
  private final DeviceGemm gemm;
  private final String suffix;

  /** Opens GPU {@code device} for linear algebra in {@code precision}. */
  public static CudaLinearAlgebra open(int device, Precision precision) {
    return new CudaLinearAlgebra(new CudaContext(device), true, precision);
  }

  CudaLinearAlgebra(CudaContext context, boolean ownsContext, Precision precision) {
    this.context = context;
    this.ownsContext = ownsContext;
    this.precision = precision;
    this.suffix = Suffix.of(precision);
    this.gemm = CudaProbe.status().cublas() ? new CublasGemm(context, precision)
        : new KernelGemm(context, precision);
  }

  @Override
  public String name() {
    return "cuda-" + precision.cliName() + " (" + context.info().name() + ", "
        + gemm.description() + ")";
  }

  private CUfunction kernel(String name) {
    return context.function(CudaPtx.LINALG, "ntk_" + name + "_" + suffix);
  }

  private static int[] grid1(long n) {
    return new int[] {(int) Math.max(1, Math.min((n + THREADS - 1) / THREADS, 65535)), 1, 1};
  }

  private static final int[] BLOCK1 = {THREADS, 1, 1};

  @Override
  public synchronized SymmetricEigen eigh(Matrix a) {
    Shapes.requireSquare(a, "eigh's argument");
    int n = a.rows();
    if (n > 65535) { // the column rotations put one row per grid row
      throw new IllegalArgumentException("eigh on the GPU handles n <= 65535, got " + n);
    }
    context.use();
    int m = n + (n & 1);
    int pairs = m / 2;
    double tol = precision == Precision.FLOAT64 ? 1e-14 : 1e-6;
    try (DeviceMatrix da = DeviceMatrix.upload(lowerSymmetrized(a), precision, "eigh");
        DeviceMatrix vt = DeviceMatrix.upload(Matrix.identity(n), precision, "eigenvectors");
        DeviceBuffer pq = new DeviceBuffer(8L * pairs, "rotation pairs");
        DeviceBuffer cs = new DeviceBuffer(2L * pairs * DeviceMatrix.bytes(precision),
            "rotations");
        DeviceBuffer sums = new DeviceBuffer(16, "norms")) {
      int[] rowGrid = {(n + THREADS - 1) / THREADS, pairs, 1};
      int[] colGrid = {(pairs + THREADS - 1) / THREADS, n, 1};
      for (int sweep = 0; sweep < MAX_SWEEPS && n > 1; sweep++) {
        for (int step = 0; step < m - 1; step++) {
          context.launch(kernel("jacobi_rotations"), grid1(pairs), BLOCK1, null,
              da.buffer.pointer(), n, m, step, pq.pointer(), cs.pointer());
          context.launch(kernel("jacobi_rotate_rows"), rowGrid, BLOCK1, null,
              da.buffer.pointer(), n, pairs, pq.pointer(), cs.pointer());
          context.launch(kernel("jacobi_rotate_rows"), rowGrid, BLOCK1, null,
              vt.buffer.pointer(), n, pairs, pq.pointer(), cs.pointer());
          context.launch(kernel("jacobi_rotate_cols"), colGrid, BLOCK1, null,
              da.buffer.pointer(), n, pairs, pq.pointer(), cs.pointer());
        }
        double[] norms = offDiagonal(da, sums, n);
        if (norms[0] <= tol * tol * (norms[0] + norms[1])) {
          break;
        }
      }
      return sorted(da.download(), vt.download());
    }
  }

  /** {off(A)², Σ a_ii²} of the n×n matrix on the GPU. */
  private double[] offDiagonal(DeviceMatrix a, DeviceBuffer sums, int n) {
    sums.clear();
    context.launch(kernel("off_diagonal_norm"), grid1((long) n * n), BLOCK1, null,
        a.buffer.pointer(), n, sums.pointer());
    double[] out = new double[2];
    sums.download(Pointer.to(out), 16);
    return out;
  }

  /** A copy of A with the upper triangle replaced by the lower (only one triangle is read). */
  private static Matrix lowerSymmetrized(Matrix a) {
    Matrix s = a.copy();
    for (int i = 0; i < a.rows(); i++) {
      for (int j = i + 1; j < a.cols(); j++) {
        s.set(i, j, a.get(j, i));
      }
    }
    return s;
  }

  /** Eigenvalues = diag(D) ascending; V's column j = row perm[j] of Vᵀ. */
  private static SymmetricEigen sorted(Matrix d, Matrix vt) {
    int n = d.rows();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> d.get(i, i)));
    double[] values = new double[n];
    Matrix v = Matrix.zeros(n, n);
    for (int j = 0; j < n; j++) {
      values[j] = d.get(order[j], order[j]);
      for (int i = 0; i < n; i++) {
        v.set(i, j, vt.get(order[j], i));
      }
    }
    return new SymmetricEigen(values, v);
  }

  @Override
  public synchronized Matrix cholesky(Matrix a) {
    Shapes.requireSquare(a, "the Cholesky argument");
    int n = a.rows();
    context.use();
    int[] info = {0};
    Matrix l;
    try (DeviceMatrix da = DeviceMatrix.upload(a, precision, "Cholesky");
        DeviceBuffer dinfo = new DeviceBuffer(4, "Cholesky status")) {
      dinfo.clear();
      for (int k = 0; k < n; k += NB) {
        int b = Math.min(NB, n - k);
        context.launch(kernel("potrf_block"), new int[] {1, 1, 1}, BLOCK1, null,
            da.buffer.pointer(), n, k, b, dinfo.pointer());
        int below = n - k - b;
        if (below > 0) {
          context.launch(kernel("trsm_panel"), grid1(below), BLOCK1, null,
              da.buffer.pointer(), n, n, k, b, dinfo.pointer());
          // A22 -= L21·L21ᵀ (lower triangle)
          gemm.gemm(false, true, below, below, b, -1, da.at(k + b, k), n, da.at(k + b, k), n,
              1, da.at(k + b, k + b), n, true);
        }
      }
      context.launch(kernel("zero_upper"), new int[] {(n + 15) / 16, (n + 15) / 16, 1},
          new int[] {16, 16, 1}, null, da.buffer.pointer(), n, n);
      dinfo.download(Pointer.to(info), 4);
      l = info[0] == 0 ? da.download() : null;
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
    context.use();
    // op(T) is lower exactly when T is lower and not transposed, or upper and transposed.
    boolean lower = (triangle == Triangle.LOWER) != transpose;
    try (DeviceMatrix dt = DeviceMatrix.upload(t, precision, "triangular matrix");
        DeviceMatrix db = DeviceMatrix.upload(b, precision, "right-hand sides")) {
      for (int done = 0; done < n; done += NB) {
        int nb = Math.min(NB, n - done);
        int k0 = lower ? done : n - done - nb;
        context.launch(kernel("trsv_block"), grid1(k), BLOCK1, null, dt.buffer.pointer(), n,
            transpose ? 1 : 0, lower ? 1 : 0, db.buffer.pointer(), k, k, k0, nb);
        // The rows still to solve lose op(T)[rows, k0:k0+nb]·X[k0:k0+nb, :].
        int r0 = lower ? k0 + nb : 0;
        int rows = lower ? n - k0 - nb : k0;
        if (rows > 0) {
          gemm.gemm(transpose, false, rows, k, nb, -1,
              transpose ? dt.at(k0, r0) : dt.at(r0, k0), n, db.at(k0, 0), k, 1,
              db.at(r0, 0), k, false);
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
    context.use();
    try (DeviceMatrix da = DeviceMatrix.upload(a, precision, "a product's left factor");
        DeviceMatrix db = DeviceMatrix.upload(b, precision, "a product's right factor");
        DeviceMatrix dc = new DeviceMatrix(m, n, precision, "a product")) {
      gemm.gemm(ta, tb, m, n, k, 1, da.buffer.pointer(), a.cols(), db.buffer.pointer(),
          b.cols(), 0, dc.buffer.pointer(), n, false);
      return dc.download();
    }
  }

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
    context.use();
    Matrix all;
    try (DeviceMatrix dl = DeviceMatrix.upload(left, precision, "L");
        DeviceMatrix df = DeviceMatrix.upload(factors, precision, "F");
        DeviceMatrix dr = DeviceMatrix.upload(right, precision, "R");
        DeviceMatrix scaled = new DeviceMatrix(r, times * k, precision, "diag(F)·R blocks");
        DeviceMatrix out = new DeviceMatrix(m, times * k, precision, "L·diag(F)·R")) {
      context.launch(kernel("scale_rows"), grid1((long) r * times * k), BLOCK1, null,
          dr.buffer.pointer(), df.buffer.pointer(), r, k, times, scaled.buffer.pointer());
      gemm.gemm(false, false, m, times * k, r, 1, dl.buffer.pointer(), r,
          scaled.buffer.pointer(), times * k, 0, out.buffer.pointer(), times * k, false);
      all = out.download();
    }
    List<Matrix> result = new ArrayList<>(times);
    for (int t = 0; t < times; t++) {
      Matrix block = Matrix.zeros(m, k);
      for (int i = 0; i < m; i++) {
        System.arraycopy(all.data(), i * times * k + t * k, block.data(), i * k, k);
      }
      result.add(block);
    }
    return result;
  }

  @Override
  public synchronized void close() {
    gemm.close();
    if (ownsContext) {
      context.close();
    }
  }
}
