/*
 * Dense linear algebra for prediction (org.ntk4j.linalg.LinearAlgebra) on row-major matrices,
 * written once for OpenCL and CUDA in the macros of ntk_dialect.h. The includer puts
 * ntk_dialect.h first and defines REAL (double or float) and NB, the panel width of the blocked
 * algorithms: the OpenCL host prepends them (org.ntk4j.backend.opencl.OpenClLinearAlgebra),
 * cuda/ntk_linalg.cu includes this file once per precision. The host loops of
 * org.ntk4j.backend.device.DeviceLinearAlgebra sequence the kernels:
 *   GEMM        C = α·op(A)·op(B) + β·C, 64×64 output tiles, 4×4 outputs per work-item.
 *   Cholesky    right-looking, NB-wide panels: factor the diagonal block in local memory
 *               (ntk_potrf_block), solve the panel below it (ntk_trsm_panel), update the
 *               trailing lower triangle with GEMM (Golub & Van Loan, Alg. 4.2.3).
 *   Triangular  blocked substitution: solve an NB-row block (ntk_trsv_block), GEMM-update the
 *               rows still to solve.
 *   eigh        parallel two-sided cyclic Jacobi with the round-robin pair order (Golub & Van
 *               Loan §8.5.5, sym.schur2 for each rotation); V is kept transposed so that both
 *               of its updates are row operations; the host stops when off(A)² ≤ tol²·‖A‖²_F
 *               from the row sums of ntk_row_norms.
 *   Scaling     out[i, t·k + j] = F[t, i]·R[i, j], the time-batched diag(f_t(λ))·R blocks.
 * Matrices are addressed as (buffer, offset in elements, leading dimension).
 */
#ifndef NTK_LINALG_CONSTANTS
#define NTK_LINALG_CONSTANTS
#define GEMM_TILE 64
#define GEMM_K 16
#define GEMM_THREADS 16 /* per edge; each work-item owns a 4×4 block of the 64×64 tile */

/* op(A)(i, p) for a row-major A with leading dimension lda. */
#define OP_AT(a, lda, trans, i, p) \
  ((trans) ? (a)[(NTK_LONG)(p) * (lda) + (i)] : (a)[(NTK_LONG)(i) * (lda) + (p)])

/* Round-robin (circle method) partner positions: slot 0 fixed, the others rotate by step. */
#define RR_INDEX(slot, step, m) ((slot) == 0 ? 0 : 1 + ((slot) - 1 + (step)) % ((m) - 1))
#endif

/*
 * C (m×n) = α·op(A)(m×k)·op(B)(k×n) + β·C. β = 0 never reads C. lowerOnly skips the tiles
 * wholly above the diagonal and writes only entries with column ≤ row (a symmetric update).
 * Work-groups of GEMM_THREADS², one per 64×64 tile of C.
 */
NTK_KERNEL NTK_GROUP_SIZE(GEMM_THREADS, GEMM_THREADS)
void NTK_KERNEL_NAME(ntk_gemm)(const int transA, const int transB, const int m, const int n,
    const int k, const REAL alpha, NTK_GLOBAL const REAL *a0, const NTK_LONG aOff,
    const int lda, NTK_GLOBAL const REAL *b0, const NTK_LONG bOff, const int ldb,
    const REAL beta, NTK_GLOBAL REAL *c0, const NTK_LONG cOff, const int ldc,
    const int lowerOnly) {
  NTK_LOCAL REAL as[GEMM_K][GEMM_TILE + 1];
  NTK_LOCAL REAL bs[GEMM_K][GEMM_TILE + 1];
  NTK_GLOBAL const REAL *a = a0 + aOff;
  NTK_GLOBAL const REAL *b = b0 + bOff;
  NTK_GLOBAL REAL *c = c0 + cOff;
  const int tx = NTK_LOCAL_ID(0);
  const int ty = NTK_LOCAL_ID(1);
  const int row0 = NTK_GROUP_ID(1) * GEMM_TILE;
  const int col0 = NTK_GROUP_ID(0) * GEMM_TILE;
  /* Uniform per work-group, so returning before the barriers is safe. */
  if (lowerOnly && col0 > row0 + GEMM_TILE - 1) {
    return;
  }
  REAL acc[4][4];
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 4; j++) {
      acc[i][j] = (REAL)0;
    }
  }
  const int tid = ty * GEMM_THREADS + tx;
  for (int k0 = 0; k0 < k; k0 += GEMM_K) {
    for (int e = tid; e < GEMM_K * GEMM_TILE; e += GEMM_THREADS * GEMM_THREADS) {
      const int r = e / GEMM_K;
      const int p = e - r * GEMM_K;
      const int gp = k0 + p;
      as[p][r] = (row0 + r < m && gp < k) ? OP_AT(a, lda, transA, row0 + r, gp) : (REAL)0;
      bs[p][r] = (col0 + r < n && gp < k) ? OP_AT(b, ldb, transB, gp, col0 + r) : (REAL)0;
    }
    NTK_BARRIER();
    for (int p = 0; p < GEMM_K; p++) {
      REAL av[4];
      REAL bv[4];
      for (int w = 0; w < 4; w++) {
        av[w] = as[p][ty + w * GEMM_THREADS];
        bv[w] = bs[p][tx + w * GEMM_THREADS];
      }
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          acc[i][j] = fma(av[i], bv[j], acc[i][j]);
        }
      }
    }
    NTK_BARRIER();
  }
  for (int i = 0; i < 4; i++) {
    const int gi = row0 + ty + i * GEMM_THREADS;
    for (int j = 0; j < 4; j++) {
      const int gj = col0 + tx + j * GEMM_THREADS;
      if (gi < m && gj < n && (!lowerOnly || gj <= gi)) {
        NTK_GLOBAL REAL *out = &c[(NTK_LONG)gi * ldc + gj];
        *out = beta == (REAL)0 ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *out;
      }
    }
  }
}

/*
 * Factors the b×b diagonal block at (k, k) in place (lower), b ≤ NB, in one work-group. A pivot
 * that is not positive (or NaN) stores its 1-based global index in *info and stops; a block
 * started after a failure does nothing.
 */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_potrf_block)(NTK_GLOBAL REAL *a, const int lda,
    const int k, const int b, NTK_GLOBAL int *info) {
  NTK_LOCAL REAL s[NB][NB + 1];
  NTK_LOCAL int failed;
  const int tid = NTK_LOCAL_ID(0);
  const int nt = NTK_LOCAL_SIZE(0);
  if (tid == 0) {
    failed = *info != 0;
  }
  for (int e = tid; e < b * b; e += nt) {
    const int i = e / b;
    const int j = e - i * b;
    s[i][j] = a[(NTK_LONG)(k + i) * lda + k + j];
  }
  NTK_BARRIER();
  if (failed) {
    return;
  }
  for (int j = 0; j < b; j++) {
    if (tid == 0) {
      const REAL d = s[j][j];
      if (!(d > (REAL)0)) {
        failed = 1;
        *info = k + j + 1;
      } else {
        s[j][j] = sqrt(d);
      }
    }
    NTK_BARRIER();
    if (failed) {
      return;
    }
    for (int i = j + 1 + tid; i < b; i += nt) {
      s[i][j] = s[i][j] / s[j][j];
    }
    NTK_BARRIER();
    /* s[i][c] -= s[i][j]·s[c][j] for j < c ≤ i < b */
    const int rest = b - j - 1;
    for (int e = tid; e < rest * rest; e += nt) {
      const int i = j + 1 + e / rest;
      const int c = j + 1 + e % rest;
      if (c <= i) {
        s[i][c] = s[i][c] - s[i][j] * s[c][j];
      }
    }
    NTK_BARRIER();
  }
  for (int e = tid; e < b * b; e += nt) {
    const int i = e / b;
    const int j = e - i * b;
    a[(NTK_LONG)(k + i) * lda + k + j] = j <= i ? s[i][j] : (REAL)0;
  }
}

/*
 * The panel below a factored diagonal block: for every row i ≥ k + b, solves
 * x·L11ᵀ = A[i, k:k+b] by forward substitution (one work-item per row) and stores x in place.
 */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_trsm_panel)(NTK_GLOBAL REAL *a, const int lda,
    const int n, const int k, const int b, NTK_GLOBAL const int *info) {
  NTK_LOCAL REAL l[NB][NB + 1];
  for (int e = NTK_LOCAL_ID(0); e < b * b; e += NTK_LOCAL_SIZE(0)) {
    const int i = e / b;
    const int j = e - i * b;
    l[i][j] = a[(NTK_LONG)(k + i) * lda + k + j];
  }
  NTK_BARRIER();
  const int i = k + b + NTK_GLOBAL_ID(0);
  if (*info != 0 || i >= n) {
    return;
  }
  NTK_GLOBAL REAL *row = &a[(NTK_LONG)i * lda + k];
  for (int c = 0; c < b; c++) {
    REAL v = row[c];
    for (int p = 0; p < c; p++) {
      v = v - row[p] * l[c][p];
    }
    row[c] = v / l[c][c];
  }
}

/* Zeroes the strict upper triangle of an n×n matrix. */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_zero_upper)(NTK_GLOBAL REAL *a, const int lda,
    const int n) {
  const int j = NTK_GLOBAL_ID(0);
  const int i = NTK_GLOBAL_ID(1);
  if (i < n && j < n && j > i) {
    a[(NTK_LONG)i * lda + j] = (REAL)0;
  }
}

/*
 * Solves the b-row diagonal block of op(T)·X = B in place in rows [k, k + b) of B (n×nrhs),
 * one work-item per right-hand side column. op(T) is lower when `lower`, else upper (then the
 * rows are solved bottom-up). Entries outside the used triangle of op(T) are never read.
 */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_trsv_block)(NTK_GLOBAL const REAL *t, const int ldt,
    const int trans, const int lower, NTK_GLOBAL REAL *bm, const int ldb, const int nrhs,
    const int k, const int b) {
  const int col = NTK_GLOBAL_ID(0);
  if (col >= nrhs) {
    return;
  }
  for (int step = 0; step < b; step++) {
    const int i = lower ? k + step : k + b - 1 - step;
    REAL v = bm[(NTK_LONG)i * ldb + col];
    if (lower) {
      for (int p = k; p < i; p++) {
        v = v - OP_AT(t, ldt, trans, i, p) * bm[(NTK_LONG)p * ldb + col];
      }
    } else {
      for (int p = i + 1; p < k + b; p++) {
        v = v - OP_AT(t, ldt, trans, i, p) * bm[(NTK_LONG)p * ldb + col];
      }
    }
    bm[(NTK_LONG)i * ldb + col] = v / OP_AT(t, ldt, trans, i, i);
  }
}

/*
 * One rotation per pair of round-robin step `step` (m = n rounded up to even; index n is a
 * dummy): J zeroes A[p][q] (sym.schur2): τ = (a_qq − a_pp)/(2a_pq),
 * t = sign(τ)/(|τ| + √(1 + τ²)), c = 1/√(1 + t²), s = t·c. Stores p, q (−1 for the dummy),
 * c, s per pair.
 */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_jacobi_rotations)(NTK_GLOBAL const REAL *a, const int n,
    const int m, const int step, NTK_GLOBAL int *pq, NTK_GLOBAL REAL *cs) {
  const int i = NTK_GLOBAL_ID(0);
  if (i >= m / 2) {
    return;
  }
  int p = RR_INDEX(i, step, m);
  int q = RR_INDEX(m - 1 - i, step, m);
  if (p > q) {
    const int tmp = p;
    p = q;
    q = tmp;
  }
  REAL c = (REAL)1;
  REAL s = (REAL)0;
  if (q < n) {
    const REAL apq = a[(NTK_LONG)p * n + q];
    if (apq != (REAL)0) {
      const REAL tau = (a[(NTK_LONG)q * n + q] - a[(NTK_LONG)p * n + p]) / (2 * apq);
      const REAL t = (tau >= (REAL)0 ? (REAL)1 : (REAL)-1) / (fabs(tau) + sqrt(1 + tau * tau));
      c = (REAL)1 / sqrt(1 + t * t);
      s = t * c;
    }
  }
  pq[2 * i] = p;
  pq[2 * i + 1] = q < n ? q : -1;
  cs[2 * i] = c;
  cs[2 * i + 1] = s;
}

/*
 * Every pair's rotation J on the n×n matrix x, by rows (columns = 0): rows p and q ← Jᵀ·rows,
 * r_p = c·r_p − s·r_q, r_q = s·r_p + c·r_q (for A, and for Vᵀ, which accumulates the
 * rotations); or by columns (columns = 1): columns p and q of A ← columns·J, then
 * A[p][q] = A[q][p] = 0 (what the rotation achieves). Pairs are disjoint, so every (pair, line)
 * is independent. By rows, dimension 0 runs over the columns and 1 over the pairs; by columns,
 * 0 over the pairs of one row (consecutive pairs of the round-robin order hold consecutive p
 * and q, so neighbouring work-items touch neighbouring entries) and 1 over the rows.
 */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_jacobi_rotate)(NTK_GLOBAL REAL *x, const int n,
    const int pairs, NTK_GLOBAL const int *pq, NTK_GLOBAL const REAL *cs, const int columns) {
  const int g0 = NTK_GLOBAL_ID(0);
  const int g1 = NTK_GLOBAL_ID(1);
  const int i = columns ? g0 : g1;
  const int line = columns ? g1 : g0;
  if (line >= n || i >= pairs) {
    return;
  }
  const int p = pq[2 * i];
  const int q = pq[2 * i + 1];
  if (q < 0) {
    return;
  }
  const REAL c = cs[2 * i];
  const REAL s = cs[2 * i + 1];
  /* Two plain paths (the flag is the same for every work-item): index arithmetic that picks
   * between the layouts costs PoCL a third of its speed. */
  if (columns) {
    NTK_GLOBAL REAL *r = x + (NTK_LONG)line * n;
    const REAL xp = r[p];
    const REAL xq = r[q];
    r[p] = line == q ? (REAL)0 : c * xp - s * xq;
    r[q] = line == p ? (REAL)0 : s * xp + c * xq;
  } else {
    NTK_GLOBAL REAL *rp = x + (NTK_LONG)p * n;
    NTK_GLOBAL REAL *rq = x + (NTK_LONG)q * n;
    const REAL xp = rp[line];
    const REAL xq = rq[line];
    rp[line] = c * xp - s * xq;
    rq[line] = s * xp + c * xq;
  }
}

/* Per row i: sums[2i] = Σ_{j≠i} a_ij², sums[2i+1] = a_ii² (the host adds them: convergence). */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_row_norms)(NTK_GLOBAL const REAL *a, const int n,
    NTK_GLOBAL REAL *sums) {
  const int i = NTK_GLOBAL_ID(0);
  if (i >= n) {
    return;
  }
  REAL off = (REAL)0;
  for (int j = 0; j < n; j++) {
    const REAL v = a[(NTK_LONG)i * n + j];
    off = j == i ? off : off + v * v;
  }
  const REAL d = a[(NTK_LONG)i * n + i];
  sums[2 * i] = off;
  sums[2 * i + 1] = d * d;
}

/* out (r × T·k) with out[i][t·k + j] = f[t][i]·rm[i][j]; one work-item per entry of out. */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_scale_rows)(NTK_GLOBAL const REAL *rm,
    NTK_GLOBAL const REAL *f, const int r, const int k, const int times,
    NTK_GLOBAL REAL *out) {
  const NTK_LONG e = (NTK_LONG)NTK_GROUP_ID(0) * NTK_LOCAL_SIZE(0) + NTK_LOCAL_ID(0);
  const NTK_LONG total = (NTK_LONG)r * times * k;
  if (e >= total) {
    return;
  }
  const int i = (int)(e / ((NTK_LONG)times * k));
  const int rest = (int)(e - (NTK_LONG)i * times * k);
  const int t = rest / k;
  const int j = rest - t * k;
  out[e] = f[(NTK_LONG)t * r + i] * rm[(NTK_LONG)i * k + j];
}
