package org.ntk4j.backend.java;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.ntk4j.kernel.FiniteKernels;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.stax.KernelBlock;
import org.ntk4j.stax.Layer;

/**
 * The oracle: evaluates the layer tree directly, in float64, on blocks of rows of X1 against
 * X2 (the layers' own formulas, docs/MATH.md §2–4), in parallel over row blocks. A symmetric request
 * computes each block only from its diagonal to the right and mirrors it.
 */
public final class JavaBackend implements KernelBackend {
  /** Rows of X1 per task: small enough to keep the block's kernels in cache across layers. */
  static final int ROW_BLOCK = 16;

  private final int threads;

  public JavaBackend() {
    this(Runtime.getRuntime().availableProcessors());
  }

  public JavaBackend(int threads) {
    this.threads = Math.max(1, threads);
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public Kernels compute(KernelRequest request, ProgressListener progress) {
    return compute(request, MatrixAllocator.HEAP, progress);
  }

  @Override
  public Kernels compute(KernelRequest request, MatrixAllocator storage,
      ProgressListener progress) {
    Matrix x1 = request.x1();
    Matrix x2 = request.right();
    int n1 = x1.rows();
    int n2 = x2.rows();
    int d = request.inputWidth();
    request.architecture().output(d);
    Layer root = request.architecture().root();
    double[] x2t = x2.transpose().data();
    Matrix nngp = request.nngp() ? storage.allocate(n1, n2) : null;
    Matrix ntk = request.ntk() ? storage.allocate(n1, n2) : null;
    double[] x1v = x1.toDoubleArray();
    double[] nngpDiag1 = new double[n1];
    double[] ntkDiag1 = new double[n1];
    boolean symmetric = request.isSymmetric();
    long total = symmetric ? (long) n1 * (n1 + 1) / 2 : (long) n1 * n2;
    AtomicLong done = new AtomicLong();

    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ntk4j-java");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int r0 = 0; r0 < n1; r0 += ROW_BLOCK) {
        int start = r0;
        int end = Math.min(n1, r0 + ROW_BLOCK);
        tasks.add(pool.submit(() -> {
          int c0 = symmetric ? start : 0;
          KernelBlock out = evaluate(root, x1v, x2t, x2, d, start, end, c0,
              request.ntk());
          store(out, nngp, ntk, start, c0, symmetric);
          System.arraycopy(out.var1, 0, nngpDiag1, start, end - start);
          System.arraycopy(out.ntkDiag1, 0, ntkDiag1, start, end - start);
          progress.progress(done.addAndGet((long) out.rows * out.cols), total);
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing kernels", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }

    double[] nngpDiag2 = nngpDiag1;
    double[] ntkDiag2 = ntkDiag1;
    if (!symmetric) {
      KernelBlock diag = evaluate(root, x1v, x2t, x2, d, 0, 0, 0, request.ntk());
      nngpDiag2 = diag.var2;
      ntkDiag2 = diag.ntkDiag2;
    }
    Kernels kernels = new Kernels(nngp, ntk, nngpDiag1, request.ntk() ? ntkDiag1 : null,
        nngpDiag2, request.ntk() ? ntkDiag2 : null);
    FiniteKernels.require(request, kernels, FiniteKernels.FLOAT64_MAX);
    return kernels;
  }

  /** Runs the tree on rows [r0, r1) of X1 against columns [c0, n2) of X2. */
  private static KernelBlock evaluate(Layer root, double[] x1, double[] x2t, Matrix x2, int d,
      int r0, int r1, int c0, boolean withNtk) {
    int rows = r1 - r0;
    int n2 = x2.rows();
    int cols = n2 - c0;
    double[] gram = new double[rows * cols];
    GramBlock.compute(x1, x2t, d, n2, r0, r1, c0, gram);
    // Row norms by the Gram entries' own chain: a pair of equal rows (x with itself, or a
    // duplicate anywhere in X1 or X2) gets q12 = q11 = q22 bit for bit, so angle 0 exactly. A
    // 1-ulp gap would become an angle of 1e-8 at the first arc-cosine layer, and a correlation
    // above 1 where it rounds the other way (erf then divides by a root that is 0).
    double[] var1 = new double[rows];
    for (int i = 0; i < rows; i++) {
      var1[i] = GramBlock.selfDot(x1, (r0 + i) * d, d);
    }
    double[] var2 = new double[cols];
    double[] x2data = x2.toDoubleArray();
    for (int j = 0; j < cols; j++) {
      var2[j] = GramBlock.selfDot(x2data, (c0 + j) * d, d);
    }
    KernelBlock input = new KernelBlock(rows, cols, gram, withNtk ? new double[rows * cols] : null,
        var1, new double[rows], var2, new double[cols], d);
    return root.kernel(List.of(input)).get(0);
  }

  private static void store(KernelBlock k, Matrix nngp, Matrix ntk, int r0, int c0,
      boolean mirror) {
    for (int i = 0; i < k.rows; i++) {
      // In the symmetric case the block starts on the diagonal: its entries left of the
      // diagonal are written by the mirror, so the result is exactly symmetric.
      for (int j = mirror ? i : 0; j < k.cols; j++) {
        int row = r0 + i;
        int col = c0 + j;
        if (nngp != null) {
          nngp.set(row, col, k.nngp[i * k.cols + j]);
        }
        if (ntk != null) {
          ntk.set(row, col, k.ntk[i * k.cols + j]);
        }
        if (mirror && col > row) {
          if (nngp != null) {
            nngp.set(col, row, k.nngp[i * k.cols + j]);
          }
          if (ntk != null) {
            ntk.set(col, row, k.ntk[i * k.cols + j]);
          }
        }
      }
    }
  }
}
