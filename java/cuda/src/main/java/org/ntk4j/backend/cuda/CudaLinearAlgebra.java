package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import org.ntk4j.Precision;
import org.ntk4j.linalg.JacobiEigen;
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
 * {@link #eighAll} and {@link #choleskyAll} run equal-sized matrices in the same launches (a
 * sweep of small kernel matrices keeps the GPU busy); a single call is a batch of one.
 */
public final class CudaLinearAlgebra implements LinearAlgebra {
  /**
   * The panel width of cuda/ntk_linalg.cu (NB): the inner dimension of Cholesky's trailing
   * GEMM updates, so wider panels halve their memory traffic; 64 fills 33 KB of shared memory.
   */
  static final int NB = 64;
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
    return eighBatch(List.of(a)).get(0);
  }

  /** Batched: matrices of equal size share each launch (grid z), in chunks that fit. */
  @Override
  public synchronized List<SymmetricEigen> eighAll(List<Matrix> matrices) {
    for (Matrix a : matrices) {
      Shapes.requireSquare(a, "eigh's argument");
    }
    List<SymmetricEigen> out = new ArrayList<>(Collections.nCopies(matrices.size(), null));
    for (List<Integer> chunk : chunks(matrices, 2)) {
      List<Matrix> group = new ArrayList<>();
      for (int i : chunk) {
        group.add(matrices.get(i));
      }
      List<SymmetricEigen> done = eighBatch(group);
      for (int j = 0; j < chunk.size(); j++) {
        out.set(chunk.get(j), done.get(j));
      }
    }
    return out;
  }

  /** Cyclic Jacobi on equal-sized matrices at once; stops when every one has converged. */
  private List<SymmetricEigen> eighBatch(List<Matrix> as) {
    int n = as.get(0).rows();
    int batch = as.size();
    if (n > 65535) { // the column rotations put one row per grid row
      throw new IllegalArgumentException("eigh on the GPU handles n <= 65535, got " + n);
    }
    context.use();
    int m = n + (n & 1);
    int pairs = m / 2;
    long stride = (long) n * n;
    double tol = precision == Precision.FLOAT64 ? 1e-14 : 1e-6;
    List<Matrix> symmetric = new ArrayList<>();
    List<Matrix> identities = new ArrayList<>();
    for (Matrix a : as) {
      symmetric.add(JacobiEigen.lowerSymmetrized(a));
      identities.add(Matrix.identity(n));
    }
    try (DeviceMatrix da = DeviceMatrix.upload(stacked(symmetric), precision, "eigh");
        DeviceMatrix vt = DeviceMatrix.upload(stacked(identities), precision, "eigenvectors");
        DeviceBuffer pq = new DeviceBuffer(8L * pairs, "rotation pairs");
        DeviceBuffer cs = new DeviceBuffer((long) batch * m * DeviceMatrix.bytes(precision),
            "rotations");
        DeviceBuffer sums = new DeviceBuffer(16L * batch, "norms")) {
      int[] pairGrid = {(pairs + THREADS - 1) / THREADS, 1, batch};
      int[] rowGrid = {(n + THREADS - 1) / THREADS, pairs, batch};
      int[] colGrid = {(pairs + THREADS - 1) / THREADS, n, batch};
      for (int sweep = 0; sweep < MAX_SWEEPS && n > 1; sweep++) {
        for (int step = 0; step < m - 1; step++) {
          context.launch(kernel("jacobi_rotations"), pairGrid, BLOCK1, null,
              da.buffer.pointer(), n, m, step, pq.pointer(), cs.pointer(), stride);
          context.launch(kernel("jacobi_rotate_rows"), rowGrid, BLOCK1, null,
              da.buffer.pointer(), n, pairs, pq.pointer(), cs.pointer(), stride);
          context.launch(kernel("jacobi_rotate_rows"), rowGrid, BLOCK1, null,
              vt.buffer.pointer(), n, pairs, pq.pointer(), cs.pointer(), stride);
          context.launch(kernel("jacobi_rotate_cols"), colGrid, BLOCK1, null,
              da.buffer.pointer(), n, pairs, pq.pointer(), cs.pointer(), stride);
        }
        if (converged(da, sums, n, batch, tol)) {
          break;
        }
      }
      Matrix d = da.download();
      Matrix v = vt.download();
      List<SymmetricEigen> out = new ArrayList<>(batch);
      for (int z = 0; z < batch; z++) {
        out.add(JacobiEigen.sorted(d.rowRange(z * n, (z + 1) * n),
            v.rowRange(z * n, (z + 1) * n)));
      }
      return out;
    }
  }

  /** Whether off(A)² ≤ tol²·‖A‖²_F for every matrix of the batch. */
  private boolean converged(DeviceMatrix a, DeviceBuffer sums, int n, int batch, double tol) {
    sums.clear();
    context.launch(kernel("off_diagonal_norm"), new int[] {grid1((long) n * n)[0], 1, batch},
        BLOCK1, null, a.buffer.pointer(), n, sums.pointer(), (long) n * n);
    double[] norms = new double[2 * batch];
    sums.download(Pointer.to(norms), 16L * batch);
    for (int z = 0; z < batch; z++) {
      if (norms[2 * z] > tol * tol * (norms[2 * z] + norms[2 * z + 1])) {
        return false;
      }
    }
    return true;
  }

  /** The matrices one below the other (all n × n). */
  private static Matrix stacked(List<Matrix> ms) {
    int n = ms.get(0).cols();
    int rows = 0;
    for (Matrix m : ms) {
      rows += m.rows();
    }
    double[] data = new double[rows * n];
    int at = 0;
    for (Matrix m : ms) {
      System.arraycopy(m.data(), 0, data, at, m.data().length);
      at += m.data().length;
    }
    return new Matrix(rows, n, data);
  }

  /**
   * Indices of {@code matrices} grouped by size (first appearance order), each group cut so
   * that {@code copies} device copies of its matrices use at most a quarter of free memory.
   */
  private List<List<Integer>> chunks(List<Matrix> matrices, int copies) {
    Map<Integer, List<Integer>> bySize = new LinkedHashMap<>();
    for (int i = 0; i < matrices.size(); i++) {
      bySize.computeIfAbsent(matrices.get(i).rows(), k -> new ArrayList<>()).add(i);
    }
    long free = context.memory()[0];
    List<List<Integer>> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : bySize.entrySet()) {
      long bytes = (long) copies * e.getKey() * e.getKey() * DeviceMatrix.bytes(precision);
      int per = (int) Math.max(1, Math.min(65535, free / 4 / Math.max(1, bytes)));
      List<Integer> all = e.getValue();
      for (int from = 0; from < all.size(); from += per) {
        out.add(all.subList(from, Math.min(all.size(), from + per)));
      }
    }
    return out;
  }


  @Override
  public synchronized Matrix cholesky(Matrix a) {
    Shapes.requireSquare(a, "the Cholesky argument");
    return choleskyAll(List.of(a)).get(0);
  }

  /**
   * Batched: matrices of equal size share each launch (grid z), in chunks that fit; the first
   * matrix (in list order) that is not positive definite throws.
   */
  @Override
  public synchronized List<Matrix> choleskyAll(List<Matrix> matrices) {
    for (Matrix a : matrices) {
      Shapes.requireSquare(a, "the Cholesky argument");
    }
    Matrix[] out = new Matrix[matrices.size()];
    for (List<Integer> chunk : chunks(matrices, 1)) {
      List<Matrix> group = new ArrayList<>();
      for (int i : chunk) {
        group.add(matrices.get(i));
      }
      Matrix[] done = choleskyBatch(group);
      for (int j = 0; j < chunk.size(); j++) {
        out[chunk.get(j)] = done[j];
      }
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        Matrix a = matrices.get(i);
        throw new NotPositiveDefiniteException(a.rows(), new JavaLinearAlgebra().eigh(a).min());
      }
    }
    return List.of(out);
  }

  /** Right-looking blocked Cholesky of equal-sized matrices at once; null where it failed. */
  private Matrix[] choleskyBatch(List<Matrix> as) {
    int n = as.get(0).rows();
    int batch = as.size();
    long stride = (long) n * n;
    context.use();
    int[] info = new int[batch];
    try (DeviceMatrix da = DeviceMatrix.upload(stacked(as), precision, "Cholesky");
        DeviceBuffer dinfo = new DeviceBuffer(4L * batch, "Cholesky status")) {
      dinfo.clear();
      for (int k = 0; k < n; k += NB) {
        int b = Math.min(NB, n - k);
        context.launch(kernel("potrf_block"), new int[] {1, 1, batch}, BLOCK1, null,
            da.buffer.pointer(), n, k, b, dinfo.pointer(), stride);
        int below = n - k - b;
        if (below > 0) {
          context.launch(kernel("trsm_panel"), new int[] {grid1(below)[0], 1, batch}, BLOCK1,
              null, da.buffer.pointer(), n, n, k, b, dinfo.pointer(), stride);
          // A22 -= L21·L21ᵀ (lower triangle)
          gemm.gemmBatched(false, true, below, below, b, -1, da.at(k + b, k), n, stride,
              da.at(k + b, k), n, stride, 1, da.at(k + b, k + b), n, stride, true, batch);
        }
      }
      context.launch(kernel("zero_upper"), new int[] {(n + 15) / 16, (n + 15) / 16, batch},
          new int[] {16, 16, 1}, null, da.buffer.pointer(), n, n, stride);
      dinfo.download(Pointer.to(info), 4L * batch);
      Matrix all = da.download();
      Matrix[] out = new Matrix[batch];
      for (int z = 0; z < batch; z++) {
        out[z] = info[z] == 0 ? all.rowRange(z * n, (z + 1) * n) : null;
      }
      return out;
    }
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
