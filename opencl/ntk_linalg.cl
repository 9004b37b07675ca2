/*
 * Dense linear algebra for prediction (org.ntk4j.linalg.LinearAlgebra) on row-major matrices,
 * the OpenCL twin of cuda/ntk_linalg.cu (same algorithms and blocking). The host
 * (org.ntk4j.backend.opencl.OpenClLinearAlgebra) defines REAL (double or float) and sequences:
 *   GEMM        C = α·op(A)·op(B) + β·C, 64×64 output tiles, 4×4 outputs per work-item.
 *   Cholesky    right-looking, NB-wide panels: factor the diagonal block in local memory
 *               (ntk_potrf_block), solve the panel below it (ntk_trsm_panel), update the
 *               trailing lower triangle with GEMM (Golub & Van Loan, Alg. 4.2.3).
 *   Triangular  blocked substitution: solve an NB-row block (ntk_trsv_block), GEMM-update the
 *               rows still to solve.
 *   eigh        parallel two-sided cyclic Jacobi with the round-robin pair order (Golub & Van
 *               Loan §8.5.5, sym.schur2 for each rotation); V is kept transposed so that both
 *               of its updates are row operations. The last global dimension of the Jacobi
 *               kernels indexes a batch of equal-sized matrices stored one after another.
 *   Scaling     out[i, t·k + j] = F[t, i]·R[i, j], the time-batched diag(f_t(λ))·R blocks.
 * Matrices are addressed as (buffer, offset in elements, leading dimension).
 */

#define GEMM_TILE 64
#define GEMM_K 16
#define GEMM_THREADS 16 /* per edge; each work-item owns a 4×4 block of the 64×64 tile */
#define NB 32           /* Cholesky / triangular-solve block width */

/* op(A)(i, p) for a row-major A with leading dimension lda. */
#define OP_AT(a, lda, trans, i, p) \
  ((trans) ? (a)[(long)(p) * (lda) + (i)] : (a)[(long)(i) * (lda) + (p)])

/*
 * C (m×n) = α·op(A)(m×k)·op(B)(k×n) + β·C. β = 0 never reads C. lowerOnly skips the tiles
 * wholly above the diagonal and writes only entries with column ≤ row (a symmetric update).
 */
__kernel __attribute__((reqd_work_group_size(GEMM_THREADS, GEMM_THREADS, 1)))
void ntk_gemm(const int transA, const int transB, const int m, const int n, const int k,
    const REAL alpha, __global const REAL *a0, const int aOff, const int lda,
    __global const REAL *b0, const int bOff, const int ldb, const REAL beta,
    __global REAL *c0, const int cOff, const int ldc, const int lowerOnly) {
  __local REAL as[GEMM_K][GEMM_TILE + 1];
  __local REAL bs[GEMM_K][GEMM_TILE + 1];
  __global const REAL *a = a0 + aOff;
  __global const REAL *b = b0 + bOff;
  __global REAL *c = c0 + cOff;
  const int tx = get_local_id(0);
  const int ty = get_local_id(1);
  const int row0 = get_group_id(1) * GEMM_TILE;
  const int col0 = get_group_id(0) * GEMM_TILE;
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
    barrier(CLK_LOCAL_MEM_FENCE);
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
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int i = 0; i < 4; i++) {
    const int gi = row0 + ty + i * GEMM_THREADS;
    for (int j = 0; j < 4; j++) {
      const int gj = col0 + tx + j * GEMM_THREADS;
      if (gi < m && gj < n && (!lowerOnly || gj <= gi)) {
        __global REAL *out = &c[(long)gi * ldc + gj];
        *out = beta == (REAL)0 ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *out;
      }
    }
  }
}

/*
 * Factors the b×b diagonal block at (k, k) in place (lower), b ≤ NB, in one work-group. A pivot
 * that is not positive (or NaN) stores its 1-based global index in *info and stops; a block
 * started after a failure does nothing. Work-group g works on the matrix at a0 + g·stride with
 * status info0[g]: one launch factors a batch of small matrices.
 */
__kernel void ntk_potrf_block(__global REAL *a0, const int lda, const int k, const int b,
    __global int *info0, const long stride) {
  __local REAL s[NB][NB + 1];
  __local int failed;
  __global REAL *a = a0 + get_group_id(0) * stride;
  __global int *info = info0 + get_group_id(0);
  const int tid = get_local_id(0);
  const int nt = get_local_size(0);
  if (tid == 0) {
    failed = *info != 0;
  }
  for (int e = tid; e < b * b; e += nt) {
    const int i = e / b;
    const int j = e - i * b;
    s[i][j] = a[(long)(k + i) * lda + k + j];
  }
  barrier(CLK_LOCAL_MEM_FENCE);
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
    barrier(CLK_LOCAL_MEM_FENCE);
    if (failed) {
      return;
    }
    for (int i = j + 1 + tid; i < b; i += nt) {
      s[i][j] = s[i][j] / s[j][j];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    /* s[i][c] -= s[i][j]·s[c][j] for j < c ≤ i < b */
    const int rest = b - j - 1;
    for (int e = tid; e < rest * rest; e += nt) {
      const int i = j + 1 + e / rest;
      const int c = j + 1 + e % rest;
      if (c <= i) {
        s[i][c] = s[i][c] - s[i][j] * s[c][j];
      }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int e = tid; e < b * b; e += nt) {
    const int i = e / b;
    const int j = e - i * b;
    a[(long)(k + i) * lda + k + j] = j <= i ? s[i][j] : (REAL)0;
  }
}

/*
 * The panel below a factored diagonal block: for every row i ≥ k + b, solves
 * x·L11ᵀ = A[i, k:k+b] by forward substitution (one work-item per row) and stores x in place.
 */
__kernel void ntk_trsm_panel(__global REAL *a, const int lda, const int n, const int k,
    const int b, __global const int *info) {
  __local REAL l[NB][NB + 1];
  for (int e = get_local_id(0); e < b * b; e += get_local_size(0)) {
    const int i = e / b;
    const int j = e - i * b;
    l[i][j] = a[(long)(k + i) * lda + k + j];
  }
  barrier(CLK_LOCAL_MEM_FENCE);
  const int i = k + b + get_global_id(0);
  if (*info != 0 || i >= n) {
    return;
  }
  __global REAL *row = &a[(long)i * lda + k];
  for (int c = 0; c < b; c++) {
    REAL v = row[c];
    for (int p = 0; p < c; p++) {
      v = v - row[p] * l[c][p];
    }
    row[c] = v / l[c][c];
  }
}

/* Zeroes the strict upper triangle of an n×n matrix. */
__kernel void ntk_zero_upper(__global REAL *a, const int lda, const int n) {
  const int j = get_global_id(0);
  const int i = get_global_id(1);
  if (i < n && j < n && j > i) {
    a[(long)i * lda + j] = (REAL)0;
  }
}

/*
 * Solves the b-row diagonal block of op(T)·X = B in place in rows [k, k + b) of B (n×nrhs),
 * one work-item per right-hand side column. op(T) is lower when `lower`, else upper (then the
 * rows are solved bottom-up). Entries outside the used triangle of op(T) are never read.
 */
__kernel void ntk_trsv_block(__global const REAL *t, const int ldt, const int trans,
    const int lower, __global REAL *bm, const int ldb, const int nrhs, const int k,
    const int b) {
  const int col = get_global_id(0);
  if (col >= nrhs) {
    return;
  }
  for (int step = 0; step < b; step++) {
    const int i = lower ? k + step : k + b - 1 - step;
    REAL v = bm[(long)i * ldb + col];
    if (lower) {
      for (int p = k; p < i; p++) {
        v = v - OP_AT(t, ldt, trans, i, p) * bm[(long)p * ldb + col];
      }
    } else {
      for (int p = i + 1; p < k + b; p++) {
        v = v - OP_AT(t, ldt, trans, i, p) * bm[(long)p * ldb + col];
      }
    }
    bm[(long)i * ldb + col] = v / OP_AT(t, ldt, trans, i, i);
  }
}

/* Round-robin (circle method) partner positions: slot 0 fixed, the others rotate by step. */
static int rr_index(int slot, int step, int m) {
  return slot == 0 ? 0 : 1 + (slot - 1 + step) % (m - 1);
}

/*
 * One rotation per pair of round-robin step `step` (m = n rounded up to even; index n is a
 * dummy): J zeroes A[p][q] (sym.schur2): τ = (a_qq − a_pp)/(2a_pq),
 * t = sign(τ)/(|τ| + √(1 + τ²)), c = 1/√(1 + t²), s = t·c. Stores p, q, c, s per pair.
 */
__kernel void ntk_jacobi_rotations(__global const REAL *a0, const int n, const int m,
    const int step, __global int *pq0, __global REAL *cs0) {
  const int i = get_global_id(0);
  __global const REAL *a = a0 + (long)get_global_id(1) * n * n;
  __global int *pq = pq0 + (long)get_global_id(1) * m;
  __global REAL *cs = cs0 + (long)get_global_id(1) * m;
  if (i >= m / 2) {
    return;
  }
  int p = rr_index(i, step, m);
  int q = rr_index(m - 1 - i, step, m);
  if (p > q) {
    const int tmp = p;
    p = q;
    q = tmp;
  }
  REAL c = (REAL)1;
  REAL s = (REAL)0;
  if (q < n) {
    const REAL apq = a[(long)p * n + q];
    if (apq != (REAL)0) {
      const REAL tau = (a[(long)q * n + q] - a[(long)p * n + p]) / (2 * apq);
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
 * Rows p and q of every pair ← Jᵀ·rows: r_p = c·r_p − s·r_q, r_q = s·r_p + c·r_q, for the n×n
 * matrix x (A, and Vᵀ which accumulates the rotations). Pairs are disjoint, so every
 * (pair, column) is independent.
 */
__kernel void ntk_jacobi_rotate_rows(__global REAL *x0, const int n, const int pairs,
    __global const int *pq0, __global const REAL *cs0) {
  const int col = get_global_id(0);
  const int i = get_global_id(1);
  __global REAL *x = x0 + (long)get_global_id(2) * n * n;
  __global const int *pq = pq0 + (long)get_global_id(2) * 2 * pairs;
  __global const REAL *cs = cs0 + (long)get_global_id(2) * 2 * pairs;
  if (col >= n || i >= pairs) {
    return;
  }
  const int p = pq[2 * i];
  const int q = pq[2 * i + 1];
  if (q < 0) {
    return;
  }
  const REAL c = cs[2 * i];
  const REAL s = cs[2 * i + 1];
  const REAL xp = x[(long)p * n + col];
  const REAL xq = x[(long)q * n + col];
  x[(long)p * n + col] = c * xp - s * xq;
  x[(long)q * n + col] = s * xp + c * xq;
}

/* Columns p and q of A ← columns·J, then A[p][q] = A[q][p] = 0 (what the rotation achieves). */
__kernel void ntk_jacobi_rotate_cols(__global REAL *a0, const int n, const int pairs,
    __global const int *pq0, __global const REAL *cs0) {
  const int row = get_global_id(0);
  const int i = get_global_id(1);
  __global REAL *a = a0 + (long)get_global_id(2) * n * n;
  __global const int *pq = pq0 + (long)get_global_id(2) * 2 * pairs;
  __global const REAL *cs = cs0 + (long)get_global_id(2) * 2 * pairs;
  if (row >= n || i >= pairs) {
    return;
  }
  const int p = pq[2 * i];
  const int q = pq[2 * i + 1];
  if (q < 0) {
    return;
  }
  const REAL c = cs[2 * i];
  const REAL s = cs[2 * i + 1];
  __global REAL *r = &a[(long)row * n];
  const REAL xp = r[p];
  const REAL xq = r[q];
  r[p] = row == q ? (REAL)0 : c * xp - s * xq;
  r[q] = row == p ? (REAL)0 : s * xp + c * xq;
}

/* Per row i: sums[2i] = Σ_{j≠i} a_ij², sums[2i+1] = a_ii² (the host adds them: convergence). */
__kernel void ntk_row_norms(__global const REAL *a0, const int n, __global REAL *sums0) {
  const int i = get_global_id(0);
  __global const REAL *a = a0 + (long)get_global_id(1) * n * n;
  __global REAL *sums = sums0 + (long)get_global_id(1) * 2 * n;
  if (i >= n) {
    return;
  }
  REAL off = (REAL)0;
  for (int j = 0; j < n; j++) {
    const REAL v = a[(long)i * n + j];
    off = j == i ? off : off + v * v;
  }
  const REAL d = a[(long)i * n + i];
  sums[2 * i] = off;
  sums[2 * i + 1] = d * d;
}

/* out (r × T·k) with out[i][t·k + j] = f[t][i]·rm[i][j]. */
__kernel void ntk_scale_rows(__global const REAL *rm, __global const REAL *f, const int r,
    const int k, const int times, __global REAL *out) {
  const long e = get_global_id(0);
  const long total = (long)r * times * k;
  if (e >= total) {
    return;
  }
  const int i = (int)(e / ((long)times * k));
  const int rest = (int)(e - (long)i * times * k);
  const int t = rest / k;
  const int j = rest - t * k;
  out[e] = f[(long)t * r + i] * rm[(long)i * k + j];
}
