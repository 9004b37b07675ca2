package org.ntk4j.backend.device;

import org.ntk4j.Precision;

/**
 * The kernels of opencl/ntk_linalg.cl, one typed method each: its grid and its arguments in the
 * order of its C parameters. Launched on the runtime's own queue.
 */
final class LinearAlgebraKernels {
  /** Work-items per group of the kernels that stage panels in local memory. */
  private static final int GROUP = 256;
  /** GEMM: 64×64 output tiles, 16×16 work-items each (GEMM_TILE, GEMM_THREADS). */
  private static final int GEMM_TILE = 64;
  private static final int GEMM_THREADS = 16;

  private final DeviceRuntime runtime;
  private final KernelLibrary library;
  private final Precision precision;

  LinearAlgebraKernels(DeviceRuntime runtime, KernelLibrary library, Precision precision) {
    this.runtime = runtime;
    this.library = library;
    this.precision = precision;
  }

  private void launch(String kernel, Grid grid, KernelArgs args) {
    runtime.launch(library.kernel(kernel), grid, args);
  }

  private KernelArgs args() {
    return new KernelArgs();
  }

  /** C = α·op(A)·op(B) + β·C (see DeviceGemm). */
  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, MatrixRegion a,
      MatrixRegion b, double beta, MatrixRegion c, boolean lowerOnly) {
    if (m == 0 || n == 0) {
      return;
    }
    launch("ntk_gemm", Grid.groups((n + GEMM_TILE - 1) / GEMM_TILE,
            (m + GEMM_TILE - 1) / GEMM_TILE, GEMM_THREADS, GEMM_THREADS),
        args().flag(transA).flag(transB).int32(m).int32(n).int32(k).real(precision, alpha)
            .buffer(a.buffer()).int64(a.offset()).int32(a.ld())
            .buffer(b.buffer()).int64(b.offset()).int32(b.ld()).real(precision, beta)
            .buffer(c.buffer()).int64(c.offset()).int32(c.ld()).flag(lowerOnly));
  }

  /** Factors the b×b diagonal block at (k, k) of the n×n matrix a; a failure goes to info. */
  void potrfBlock(DeviceBuffer a, int n, int k, int b, DeviceBuffer info) {
    launch("ntk_potrf_block", Grid.covering(GROUP, GROUP),
        args().buffer(a).int32(n).int32(k).int32(b).buffer(info));
  }

  /** Solves the panel of rows [k + b, n) below the factored block at (k, k). */
  void trsmPanel(DeviceBuffer a, int n, int k, int b, DeviceBuffer info) {
    launch("ntk_trsm_panel", Grid.covering(n - k - b, GROUP),
        args().buffer(a).int32(n).int32(n).int32(k).int32(b).buffer(info));
  }

  /** Zeroes the strict upper triangle of the n×n matrix a. */
  void zeroUpper(DeviceBuffer a, int n) {
    launch("ntk_zero_upper", Grid.independent(n, n),
        args().buffer(a).int32(n).int32(n));
  }

  /**
   * Solves rows [k, k + b) of op(T)·X = B in place in B (n × nrhs, row-major), op(T) lower or
   * upper.
   */
  void trsvBlock(DeviceBuffer t, int n, boolean transpose, boolean lower, DeviceBuffer b,
      int nrhs, int k, int rows) {
    launch("ntk_trsv_block", Grid.independent(nrhs), args().buffer(t).int32(n)
        .flag(transpose).flag(lower).buffer(b).int32(nrhs).int32(nrhs).int32(k).int32(rows));
  }

  /** The rotations of round-robin step {@code step} on the n×n matrix a (m = n rounded up to even). */
  void jacobiRotations(DeviceBuffer a, int n, int m, int step, DeviceBuffer pq,
      DeviceBuffer cs) {
    launch("ntk_jacobi_rotations", Grid.independent(m / 2),
        args().buffer(a).int32(n).int32(m).int32(step).buffer(pq).buffer(cs));
  }

  /** Rows p and q of x ← Jᵀ·rows, for every pair. */
  void jacobiRotateRows(DeviceBuffer x, int n, int pairs, DeviceBuffer pq, DeviceBuffer cs) {
    launch("ntk_jacobi_rotate", Grid.independent(n, pairs),
        args().buffer(x).int32(n).int32(pairs).buffer(pq).buffer(cs).flag(false));
  }

  /** Columns p and q of a ← columns·J, for every pair. */
  void jacobiRotateColumns(DeviceBuffer a, int n, int pairs, DeviceBuffer pq,
      DeviceBuffer cs) {
    launch("ntk_jacobi_rotate", Grid.independent(pairs, n),
        args().buffer(a).int32(n).int32(pairs).buffer(pq).buffer(cs).flag(true));
  }

  /** Per row i of the n×n matrix a: sums[2i] = Σ_{j≠i} a_ij², sums[2i+1] = a_ii². */
  void rowNorms(DeviceBuffer a, int n, DeviceBuffer sums) {
    launch("ntk_row_norms", Grid.independent(n), args().buffer(a).int32(n).buffer(sums));
  }

  /** out (r × times·k), out[i][t·k + j] = f[t][i]·right[i][j]. */
  void scaleRows(DeviceBuffer right, DeviceBuffer f, int r, int k, int times,
      DeviceBuffer out) {
    launch("ntk_scale_rows", Grid.independent((long) r * times * k), args().buffer(right)
        .buffer(f).int32(r).int32(k).int32(times).buffer(out));
  }
}
