package org.ntk4j.backend.opencl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.kernel.program.CTypes;
import org.ntk4j.linalg.JacobiEigen;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NotPositiveDefiniteException;
import org.ntk4j.linalg.Shapes;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.linalg.Triangle;

/**
 * {@link LinearAlgebra} on an OpenCL device with the kernels of opencl/ntk_linalg.cl (see its
 * header for the algorithms: blocked Cholesky and substitution over a tiled GEMM, parallel
 * cyclic Jacobi for eigh). Each call uploads its arguments, runs on the device and downloads the
 * result; in float32 the arguments are rounded to float on upload (the name says so). Calls are
 * serialized: one context, one in-order queue.
 */
public final class OpenClLinearAlgebra implements LinearAlgebra {
  /** The panel width of ntk_linalg.cl (NB). */
  private static final int NB = 32;
  private static final int GEMM_TILE = 64;
  private static final int GEMM_THREADS = 16;
  private static final int GROUP = 64;
  /** Jacobi stops when off(A)² ≤ tol²·‖A‖²_F (Golub &amp; Van Loan §8.5) or after MAX_SWEEPS. */
  private static final int MAX_SWEEPS = 40;

  private final OpenClContext context;
  private final boolean ownsContext;
  private final Precision precision;
  private final cl_program program;

  /** Opens OpenCL device {@code device} for linear algebra in {@code precision}. */
  public OpenClLinearAlgebra(int device, Precision precision) {
    this(new OpenClContext(checked(OpenClPlatforms.probe().device(device), precision)), true,
        precision);
  }

  /** Linear algebra on an open context (a kernel backend's), closed with it if {@code owns}. */
  OpenClLinearAlgebra(OpenClContext context, boolean owns, Precision precision) {
    checked(context.device(), precision);
    this.ownsContext = owns;
    this.precision = precision;
    this.context = context;
    String header = (precision == Precision.FLOAT64
        ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "")
        + "typedef " + CTypes.cType(precision) + " REAL;\n";
    this.program = context.program(header + OpenClKernelSource.resource("ntk_linalg.cl"), "");
  }

  private static OpenClDevice checked(OpenClDevice d, Precision precision) {
    if (precision == Precision.FLOAT64 && !d.fp64()) {
      throw new InvalidInputException("OpenCL device " + d.index() + " (" + d.name()
          + ") has no float64 (cl_khr_fp64): use float32 or another device");
    }
    return d;
  }

  @Override
  public String name() {
    return "opencl-" + precision.cliName() + " (" + context.device().name() + ")";
  }

  @Override
  public synchronized SymmetricEigen eigh(Matrix a) {
    Shapes.requireSquare(a, "eigh's argument");
    return jacobi(List.of(a)).get(0);
  }

  /** Matrices of one size are diagonalized together: every Jacobi launch covers all of them. */
  @Override
  public synchronized List<SymmetricEigen> eighAll(List<Matrix> matrices) {
    boolean sameSize = !matrices.isEmpty();
    for (Matrix a : matrices) {
      Shapes.requireSquare(a, "eigh's argument");
      sameSize &= a.rows() == matrices.get(0).rows();
    }
    return sameSize ? jacobi(matrices) : LinearAlgebra.super.eighAll(matrices);
  }

  /**
   * Cyclic Jacobi on a batch of n × n matrices, until every one has off(A)² ≤ tol²·‖A‖²_F
   * (Golub &amp; Van Loan §8.5) or after MAX_SWEEPS.
   */
  private List<SymmetricEigen> jacobi(List<Matrix> matrices) {
    int count = matrices.size();
    int n = matrices.get(0).rows();
    int m = n + (n & 1);
    int pairs = m / 2;
    double tol = precision == Precision.FLOAT64 ? 1e-14 : 1e-6;
    double[] packed = new double[count * n * n];
    double[] identities = new double[count * n * n];
    for (int b = 0; b < count; b++) {
      System.arraycopy(JacobiEigen.lowerSymmetrized(matrices.get(b)).data(), 0, packed,
          b * n * n, n * n);
      for (int i = 0; i < n; i++) {
        identities[b * n * n + i * n + i] = 1;
      }
    }
    try (OpenClBuffer da = upload(new Matrix(count * n, n, packed));
        OpenClBuffer vt = upload(new Matrix(count * n, n, identities));
        OpenClBuffer pq = context.buffer(8L * count * Math.max(1, pairs));
        OpenClBuffer cs = context.buffer(2L * count * Math.max(1, pairs) * bytes());
        OpenClBuffer sums = context.buffer(2L * count * n * bytes());
        Kernel rotations = new Kernel("ntk_jacobi_rotations");
        Kernel rows = new Kernel("ntk_jacobi_rotate_rows");
        Kernel cols = new Kernel("ntk_jacobi_rotate_cols");
        Kernel norms = new Kernel("ntk_row_norms")) {
      long[] rowGrid = {roundUp(n, GROUP), pairs, count};
      for (int sweep = 0; sweep < MAX_SWEEPS && n > 1; sweep++) {
        for (int step = 0; step < m - 1; step++) {
          rotations.run(new long[] {roundUp(pairs, GROUP), count}, null, da, n, m, step, pq, cs);
          rows.run(rowGrid, null, da, n, pairs, pq, cs);
          rows.run(rowGrid, null, vt, n, pairs, pq, cs);
          cols.run(rowGrid, null, da, n, pairs, pq, cs);
        }
        norms.run(new long[] {roundUp(n, GROUP), count}, null, da, n, sums);
        if (converged(download(sums, 2 * count * n), count, n, tol)) {
          break;
        }
      }
      double[] d = download(da, count * n * n);
      double[] v = download(vt, count * n * n);
      List<SymmetricEigen> out = new ArrayList<>(count);
      for (int b = 0; b < count; b++) {
        out.add(JacobiEigen.sorted(
            new Matrix(n, n, Arrays.copyOfRange(d, b * n * n, (b + 1) * n * n)),
            new Matrix(n, n, Arrays.copyOfRange(v, b * n * n, (b + 1) * n * n))));
      }
      return out;
    }
  }

  /** Whether every matrix's off-diagonal mass is below tol² of its total (row sums given). */
  private static boolean converged(double[] sums, int count, int n, double tol) {
    for (int b = 0; b < count; b++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < n; i++) {
        off += sums[2 * (b * n + i)];
        diag += sums[2 * (b * n + i) + 1];
      }
      if (off > tol * tol * (off + diag)) {
        return false;
      }
    }
    return true;
  }


  @Override
  public synchronized Matrix cholesky(Matrix a) {
    Shapes.requireSquare(a, "the Cholesky argument");
    int n = a.rows();
    int failedAt;
    Matrix l = null;
    try (OpenClBuffer da = upload(a);
        OpenClBuffer info = context.buffer(Sizeof.cl_int);
        Kernel potrf = new Kernel("ntk_potrf_block");
        Kernel trsm = new Kernel("ntk_trsm_panel");
        Kernel gemm = new Kernel("ntk_gemm");
        Kernel zero = new Kernel("ntk_zero_upper")) {
      int[] status = {0};
      CL.clEnqueueWriteBuffer(context.queue(), info.mem(), true, 0, Sizeof.cl_int,
          Pointer.to(status), 0, null, null);
      for (int k = 0; k < n; k += NB) {
        int b = Math.min(NB, n - k);
        potrf.run(new long[] {GROUP}, new long[] {GROUP}, da, n, k, b, info, 0L);
        int below = n - k - b;
        if (below > 0) {
          trsm.run(new long[] {roundUp(below, GROUP)}, new long[] {GROUP}, da, n, n, k, b,
              info);
          // A22 -= L21·L21ᵀ (lower triangle)
          gemm(gemm, false, true, below, below, b, -1, da, (k + b) * n + k, n, da,
              (k + b) * n + k, n, 1, da, (k + b) * n + k + b, n, true);
        }
      }
      zero.run(new long[] {roundUp(n, 16), roundUp(n, 16)}, null, da, n, n);
      CL.clEnqueueReadBuffer(context.queue(), info.mem(), true, 0, Sizeof.cl_int,
          Pointer.to(status), 0, null, null);
      failedAt = status[0];
      if (failedAt == 0) {
        l = new Matrix(n, n, download(da, n * n));
      }
    }
    if (l == null) {
      throw new NotPositiveDefiniteException(n, new JavaLinearAlgebra().eigh(a).min());
    }
    return l;
  }

  /**
   * Matrices of one size up to the panel width (NB) are factored in one launch, a work-group
   * each; others one by one.
   */
  @Override
  public synchronized List<Matrix> choleskyAll(List<Matrix> matrices) {
    int count = matrices.size();
    int n = count == 0 ? 0 : matrices.get(0).rows();
    boolean batch = count > 1 && n >= 1 && n <= NB;
    for (Matrix a : matrices) {
      Shapes.requireSquare(a, "the Cholesky argument");
      batch &= a.rows() == n;
    }
    if (!batch) {
      return LinearAlgebra.super.choleskyAll(matrices);
    }
    double[] packed = new double[count * n * n];
    for (int i = 0; i < count; i++) {
      System.arraycopy(matrices.get(i).data(), 0, packed, i * n * n, n * n);
    }
    int[] status = new int[count];
    double[] factors;
    try (OpenClBuffer da = upload(new Matrix(count * n, n, packed));
        OpenClBuffer info = context.buffer((long) count * Sizeof.cl_int);
        Kernel potrf = new Kernel("ntk_potrf_block")) {
      CL.clEnqueueWriteBuffer(context.queue(), info.mem(), true, 0, (long) count * Sizeof.cl_int,
          Pointer.to(status), 0, null, null);
      potrf.run(new long[] {(long) GROUP * count}, new long[] {GROUP}, da, n, 0, n, info,
          (long) n * n);
      CL.clEnqueueReadBuffer(context.queue(), info.mem(), true, 0, (long) count * Sizeof.cl_int,
          Pointer.to(status), 0, null, null);
      factors = download(da, count * n * n);
    }
    List<Matrix> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (status[i] != 0) {
        throw new NotPositiveDefiniteException(n,
            new JavaLinearAlgebra().eigh(matrices.get(i)).min());
      }
      out.add(new Matrix(n, n, Arrays.copyOfRange(factors, i * n * n, (i + 1) * n * n)));
    }
    return out;
  }

  @Override
  public synchronized Matrix solveTriangular(Matrix t, Triangle triangle, boolean transpose,
      Matrix b) {
    Shapes.requireRightHandSide(t, b);
    int n = t.rows();
    int k = b.cols();
    // op(T) is lower exactly when T is lower and not transposed, or upper and transposed.
    boolean lower = (triangle == Triangle.LOWER) != transpose;
    try (OpenClBuffer dt = upload(t);
        OpenClBuffer db = upload(b);
        Kernel trsv = new Kernel("ntk_trsv_block");
        Kernel gemm = new Kernel("ntk_gemm")) {
      for (int done = 0; done < n; done += NB) {
        int nb = Math.min(NB, n - done);
        int k0 = lower ? done : n - done - nb;
        trsv.run(new long[] {roundUp(k, GROUP)}, null, dt, n, transpose ? 1 : 0, lower ? 1 : 0,
            db, k, k, k0, nb);
        // The rows still to solve lose op(T)[rows, k0:k0+nb]·X[k0:k0+nb, :].
        int r0 = lower ? k0 + nb : 0;
        int rows = lower ? n - k0 - nb : k0;
        if (rows > 0) {
          gemm(gemm, transpose, false, rows, k, nb, -1, dt,
              transpose ? k0 * n + r0 : r0 * n + k0, n, db, k0 * k, k, 1, db, r0 * k, k, false);
        }
      }
      return new Matrix(n, k, download(db, n * k));
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
    try (OpenClBuffer da = upload(a);
        OpenClBuffer db = upload(b);
        OpenClBuffer dc = context.buffer((long) m * n * bytes());
        Kernel gemm = new Kernel("ntk_gemm")) {
      gemm(gemm, ta, tb, m, n, k, 1, da, 0, a.cols(), db, 0, b.cols(), 0, dc, 0, n, false);
      return new Matrix(m, n, download(dc, m * n));
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
    Matrix all;
    try (OpenClBuffer dl = upload(left);
        OpenClBuffer df = upload(factors);
        OpenClBuffer dr = upload(right);
        OpenClBuffer scaled = context.buffer((long) r * times * k * bytes());
        OpenClBuffer out = context.buffer((long) m * times * k * bytes());
        Kernel scale = new Kernel("ntk_scale_rows");
        Kernel gemm = new Kernel("ntk_gemm")) {
      scale.run(new long[] {roundUp((long) r * times * k, GROUP)}, null, dr, df, r, k, times,
          scaled);
      gemm(gemm, false, false, m, times * k, r, 1, dl, 0, r, scaled, 0, times * k, 0, out, 0,
          times * k, false);
      all = new Matrix(m, times * k, download(out, m * times * k));
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

  /** C = α·op(A)·op(B) + β·C on (buffer, offset, leading dimension) triples. */
  private static void gemm(Kernel kernel, boolean ta, boolean tb, int m, int n, int k,
      double alpha, OpenClBuffer a, int aOff, int lda, OpenClBuffer b, int bOff, int ldb,
      double beta, OpenClBuffer c, int cOff, int ldc, boolean lowerOnly) {
    long[] global = {
      (long) (n + GEMM_TILE - 1) / GEMM_TILE * GEMM_THREADS,
      (long) (m + GEMM_TILE - 1) / GEMM_TILE * GEMM_THREADS};
    kernel.run(global, new long[] {GEMM_THREADS, GEMM_THREADS}, ta ? 1 : 0, tb ? 1 : 0, m, n,
        k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, lowerOnly ? 1 : 0);
  }

  /** One kernel of the program, its arguments set by type: buffers, ints, longs, REAL doubles. */
  private final class Kernel implements AutoCloseable {
    private final cl_kernel kernel;

    Kernel(String name) {
      this.kernel = context.kernel(program, name);
    }

    void run(long[] global, long[] local, Object... args) {
      for (int i = 0; i < args.length; i++) {
        Object arg = args[i];
        if (arg instanceof OpenClBuffer buffer) {
          CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(buffer.mem()));
        } else if (arg instanceof Integer v) {
          CL.clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
        } else if (arg instanceof Long v) {
          CL.clSetKernelArg(kernel, i, Sizeof.cl_long, Pointer.to(new long[] {v}));
        } else if (arg instanceof Double v && precision == Precision.FLOAT64) {
          CL.clSetKernelArg(kernel, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
        } else if (arg instanceof Double v) {
          CL.clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {v.floatValue()}));
        } else {
          throw new IllegalArgumentException("unsupported kernel argument " + arg);
        }
      }
      CL.clEnqueueNDRangeKernel(context.queue(), kernel, global.length, null, global, local, 0,
          null, null);
    }

    @Override
    public void close() {
      CL.clReleaseKernel(kernel);
    }
  }

  private int bytes() {
    return CTypes.bytes(precision);
  }

  private OpenClBuffer upload(Matrix x) {
    long bytes = (long) x.data().length * bytes();
    OpenClBuffer b = context.buffer(bytes);
    Pointer data;
    if (precision == Precision.FLOAT64) {
      data = Pointer.to(x.data());
    } else {
      float[] f = new float[x.data().length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) x.data()[i];
      }
      data = Pointer.to(f);
    }
    if (bytes > 0) {
      CL.clEnqueueWriteBuffer(context.queue(), b.mem(), true, 0, bytes, data, 0, null, null);
    }
    return b;
  }

  private double[] download(OpenClBuffer b, int count) {
    double[] out = new double[count];
    if (count == 0) {
      return out;
    }
    if (precision == Precision.FLOAT64) {
      CL.clEnqueueReadBuffer(context.queue(), b.mem(), true, 0, (long) count * Sizeof.cl_double,
          Pointer.to(out), 0, null, null);
    } else {
      float[] f = new float[count];
      CL.clEnqueueReadBuffer(context.queue(), b.mem(), true, 0, (long) count * Sizeof.cl_float,
          Pointer.to(f), 0, null, null);
      for (int i = 0; i < count; i++) {
        out[i] = f[i];
      }
    }
    return out;
  }

  private static long roundUp(long v, long step) {
    return Math.max(step, (v + step - 1) / step * step);
  }

  @Override
  public synchronized void close() {
    if (ownsContext) {
      context.close();
    }
  }
}
