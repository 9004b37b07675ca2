/*
 * Dense linear algebra for prediction (org.ntk4j.linalg.LinearAlgebra) on row-major matrices,
 * written once as templates and exported for double (_f64) and float (_f32). The host
 * (org.ntk4j.backend.cuda.CudaLinearAlgebra) sequences the blocked algorithms:
 *   GEMM        C = α·op(A)·op(B) + β·C, 64×64 output tiles, 4×4 outputs per thread.
 *   Cholesky    right-looking, NB-wide panels: factor the diagonal block in shared memory
 *               (ntk_potrf_block), solve the panel below it (ntk_trsm_panel), update the
 *               trailing lower triangle with GEMM (Golub & Van Loan, Alg. 4.2.3).
 *   Triangular  blocked substitution: solve an NB-row block (ntk_trsv_block), GEMM-update the
 *               rows still to solve.
 *   eigh        parallel two-sided cyclic Jacobi with the round-robin pair order (Golub & Van
 *               Loan §8.5.5, sym.schur2 for each rotation); V is kept transposed so that both
 *               of its updates are row operations.
 *   Scaling     out[i, t·k + j] = F[t, i]·R[i, j], the time-batched diag(f_t(λ))·R blocks.
 */

#define GEMM_TILE 64
#define GEMM_K 16
#define GEMM_THREADS 16 /* per edge; each thread owns a 4×4 block of the 64×64 tile */
#define NB 64           /* Cholesky / triangular-solve block width (CudaLinearAlgebra.NB) */

/* op(A)(i, p) for a row-major A with leading dimension lda. */
template <typename T>
__device__ __forceinline__ T op_at(const T *a, long long lda, int trans, int i, int p) {
  return trans ? a[(long long)p * lda + i] : a[(long long)i * lda + p];
}

/*
 * C (m×n) = α·op(A)(m×k)·op(B)(k×n) + β·C. β = 0 never reads C. lowerOnly skips the tiles
 * wholly above the diagonal and writes only entries with column ≤ row (a symmetric update).
 */
template <typename T>
__device__ void gemm(int transA, int transB, int m, int n, int k, T alpha, const T *a,
    int lda, const T *b, int ldb, T beta, T *c, int ldc, int lowerOnly) {
  __shared__ T as[GEMM_K][GEMM_TILE + 1];
  __shared__ T bs[GEMM_K][GEMM_TILE + 1];
  const int tx = threadIdx.x;
  const int ty = threadIdx.y;
  const int row0 = blockIdx.y * GEMM_TILE;
  const int col0 = blockIdx.x * GEMM_TILE;
  if (lowerOnly && col0 > row0 + GEMM_TILE - 1) {
    return;
  }
  T acc[4][4];
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 4; j++) {
      acc[i][j] = (T)0;
    }
  }
  const int tid = ty * GEMM_THREADS + tx;
  for (int k0 = 0; k0 < k; k0 += GEMM_K) {
    for (int e = tid; e < GEMM_K * GEMM_TILE; e += GEMM_THREADS * GEMM_THREADS) {
      const int r = e / GEMM_K;
      const int p = e - r * GEMM_K;
      const int gp = k0 + p;
      as[p][r] = (row0 + r < m && gp < k) ? op_at(a, lda, transA, row0 + r, gp) : (T)0;
      bs[p][r] = (col0 + r < n && gp < k) ? op_at(b, ldb, transB, gp, col0 + r) : (T)0;
    }
    __syncthreads();
    for (int p = 0; p < GEMM_K; p++) {
      T av[4];
      T bv[4];
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
    __syncthreads();
  }
  for (int i = 0; i < 4; i++) {
    const int gi = row0 + ty + i * GEMM_THREADS;
    for (int j = 0; j < 4; j++) {
      const int gj = col0 + tx + j * GEMM_THREADS;
      if (gi < m && gj < n && (!lowerOnly || gj <= gi)) {
        T *out = &c[(long long)gi * ldc + gj];
        *out = beta == (T)0 ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *out;
      }
    }
  }
}

/*
 * Factors the b×b diagonal block at (k, k) in place (lower), b ≤ NB, in one thread block.
 * A pivot that is not positive (or NaN) stores its 1-based global index in *info and stops;
 * a block started after a failure does nothing.
 */
template <typename T>
__device__ void potrf_block(T *a, int lda, int k, int b, int *info) {
  __shared__ T s[NB][NB + 1];
  __shared__ int failed;
  const int tid = threadIdx.x;
  const int nt = blockDim.x;
  if (tid == 0) {
    failed = *info != 0;
  }
  for (int e = tid; e < b * b; e += nt) {
    const int i = e / b;
    const int j = e - i * b;
    s[i][j] = a[(long long)(k + i) * lda + k + j];
  }
  __syncthreads();
  if (failed) {
    return;
  }
  for (int j = 0; j < b; j++) {
    if (tid == 0) {
      const T d = s[j][j];
      if (!(d > (T)0)) {
        failed = 1;
        *info = k + j + 1;
      } else {
        s[j][j] = sqrt(d);
      }
    }
    __syncthreads();
    if (failed) {
      return;
    }
    for (int i = j + 1 + tid; i < b; i += nt) {
      s[i][j] = s[i][j] / s[j][j];
    }
    __syncthreads();
    /* s[i][c] -= s[i][j]·s[c][j] for j < c ≤ i < b */
    const int rest = b - j - 1;
    for (int e = tid; e < rest * rest; e += nt) {
      const int i = j + 1 + e / rest;
      const int c = j + 1 + e % rest;
      if (c <= i) {
        s[i][c] = s[i][c] - s[i][j] * s[c][j];
      }
    }
    __syncthreads();
  }
  for (int e = tid; e < b * b; e += nt) {
    const int i = e / b;
    const int j = e - i * b;
    a[(long long)(k + i) * lda + k + j] = j <= i ? s[i][j] : (T)0;
  }
}

/*
 * The panel below a factored diagonal block: for every row i ≥ k + b, solves
 * x·L11ᵀ = A[i, k:k+b] by forward substitution (one thread per row) and stores x in place.
 */
template <typename T>
__device__ void trsm_panel(T *a, int lda, int n, int k, int b, const int *info) {
  __shared__ T l[NB][NB + 1];
  for (int e = threadIdx.x; e < b * b; e += blockDim.x) {
    const int i = e / b;
    const int j = e - i * b;
    l[i][j] = a[(long long)(k + i) * lda + k + j];
  }
  __syncthreads();
  const int i = k + b + blockIdx.x * blockDim.x + threadIdx.x;
  if (*info != 0 || i >= n) {
    return;
  }
  T *row = &a[(long long)i * lda + k];
  for (int c = 0; c < b; c++) {
    T v = row[c];
    for (int p = 0; p < c; p++) {
      v = v - row[p] * l[c][p];
    }
    row[c] = v / l[c][c];
  }
}

/* Zeroes the strict upper triangle of an n×n matrix. */
template <typename T>
__device__ void zero_upper(T *a, int lda, int n) {
  const int j = blockIdx.x * blockDim.x + threadIdx.x;
  const int i = blockIdx.y * blockDim.y + threadIdx.y;
  if (i < n && j < n && j > i) {
    a[(long long)i * lda + j] = (T)0;
  }
}

/*
 * Solves the b-row diagonal block of op(T)·X = B in place in rows [k, k + b) of B (n×nrhs),
 * one thread per right-hand side column. op(T) is lower when `lower`, else upper (then the
 * rows are solved bottom-up). Entries outside the used triangle of op(T) are never read.
 */
template <typename T>
__device__ void trsv_block(const T *t, int ldt, int trans, int lower, T *bm, int ldb,
    int nrhs, int k, int b) {
  const int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (col >= nrhs) {
    return;
  }
  for (int step = 0; step < b; step++) {
    const int i = lower ? k + step : k + b - 1 - step;
    T v = bm[(long long)i * ldb + col];
    if (lower) {
      for (int p = k; p < i; p++) {
        v = v - op_at(t, ldt, trans, i, p) * bm[(long long)p * ldb + col];
      }
    } else {
      for (int p = i + 1; p < k + b; p++) {
        v = v - op_at(t, ldt, trans, i, p) * bm[(long long)p * ldb + col];
      }
    }
    bm[(long long)i * ldb + col] = v / op_at(t, ldt, trans, i, i);
  }
}

/* Round-robin (circle method) partner positions: slot 0 fixed, the others rotate by step. */
__device__ __forceinline__ int rr_index(int slot, int step, int m) {
  return slot == 0 ? 0 : 1 + (slot - 1 + step) % (m - 1);
}

/*
 * One rotation per pair of round-robin step `step` (m = n rounded up to even; index n is a
 * dummy): J zeroes A[p][q] (sym.schur2): τ = (a_qq − a_pp)/(2a_pq),
 * t = sign(τ)/(|τ| + √(1 + τ²)), c = 1/√(1 + t²), s = t·c. Stores p, q, c, s per pair.
 */
template <typename T>
__device__ void jacobi_rotations(const T *a, int n, int m, int step, int *pq, T *cs,
    bool writePairs) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
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
  T c = (T)1;
  T s = (T)0;
  if (q < n) {
    const T apq = a[(long long)p * n + q];
    if (apq != (T)0) {
      const T tau = (a[(long long)q * n + q] - a[(long long)p * n + p]) / (2 * apq);
      const T t = (tau >= (T)0 ? (T)1 : (T)-1) / (fabs(tau) + sqrt((T)1 + tau * tau));
      c = (T)1 / sqrt((T)1 + t * t);
      s = t * c;
    }
  }
  if (writePairs) { /* the same for every matrix of a batch */
    pq[2 * i] = p;
    pq[2 * i + 1] = q < n ? q : -1;
  }
  cs[2 * i] = c;
  cs[2 * i + 1] = s;
}

/*
 * Rows p and q of every pair ← Jᵀ·rows: r_p = c·r_p − s·r_q, r_q = s·r_p + c·r_q, for the n×n
 * matrix x (A, and Vᵀ which accumulates the rotations). Pairs are disjoint, so every
 * (pair, column) is independent.
 */
template <typename T>
__device__ void jacobi_rotate_rows(T *x, int n, int pairs, const int *pq, const T *cs) {
  const int col = blockIdx.x * blockDim.x + threadIdx.x;
  const int i = blockIdx.y;
  if (col >= n || i >= pairs) {
    return;
  }
  const int p = pq[2 * i];
  const int q = pq[2 * i + 1];
  if (q < 0) {
    return;
  }
  const T c = cs[2 * i];
  const T s = cs[2 * i + 1];
  const T xp = x[(long long)p * n + col];
  const T xq = x[(long long)q * n + col];
  x[(long long)p * n + col] = c * xp - s * xq;
  x[(long long)q * n + col] = s * xp + c * xq;
}

/*
 * Columns p and q of A ← columns·J, then A[p][q] = A[q][p] = 0 (what the rotation achieves).
 * Threads run over the pairs of one row: consecutive pairs of the round-robin order hold
 * consecutive p (and q), so the loads coalesce. Grid (⌈pairs/blockDim⌉, n).
 */
template <typename T>
__device__ void jacobi_rotate_cols(T *a, int n, int pairs, const int *pq, const T *cs) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  const int row = blockIdx.y;
  if (row >= n || i >= pairs) {
    return;
  }
  const int p = pq[2 * i];
  const int q = pq[2 * i + 1];
  if (q < 0) {
    return;
  }
  const T c = cs[2 * i];
  const T s = cs[2 * i + 1];
  T *r = &a[(long long)row * n];
  const T xp = r[p];
  const T xq = r[q];
  r[p] = row == q ? (T)0 : c * xp - s * xq;
  r[q] = row == p ? (T)0 : s * xp + c * xq;
}

/* sums[0] += Σ_{i≠j} a_ij², sums[1] += Σ a_ii² (in double: the convergence test). */
template <typename T>
__device__ void off_diagonal_norm(const T *a, int n, double *sums) {
  const long long total = (long long)n * n;
  double off = 0;
  double diag = 0;
  for (long long e = blockIdx.x * (long long)blockDim.x + threadIdx.x; e < total;
       e += (long long)gridDim.x * blockDim.x) {
    const double v = (double)a[e];
    if (e / n == e % n) {
      diag += v * v;
    } else {
      off += v * v;
    }
  }
  atomicAdd(&sums[0], off);
  atomicAdd(&sums[1], diag);
}

/* out (r × T·k) with out[i][t·k + j] = f[t][i]·rm[i][j]. */
template <typename T>
__device__ void scale_rows(const T *rm, const T *f, int r, int k, int times, T *out) {
  const long long total = (long long)r * times * k;
  for (long long e = blockIdx.x * (long long)blockDim.x + threadIdx.x; e < total;
       e += (long long)gridDim.x * blockDim.x) {
    const int i = (int)(e / ((long long)times * k));
    const int rest = (int)(e - (long long)i * times * k);
    const int t = rest / k;
    const int j = rest - t * k;
    out[e] = f[(long long)t * r + i] * rm[(long long)i * k + j];
  }
}

/*
 * The exported kernels. Those that take a stride also work on a batch of equal-sized matrices
 * laid out one after another: grid z picks the matrix (element offset z·stride; Cholesky's
 * status, Jacobi's rotations and norms are per matrix too). A single matrix is a batch of one.
 */
#define Z ((long long)blockIdx.z)
#define NTK_LINALG(T, SUFFIX)                                                                 \
  extern "C" __global__ void ntk_gemm_##SUFFIX(int transA, int transB, int m, int n, int k,  \
      T alpha, const T *a, int lda, const T *b, int ldb, T beta, T *c, int ldc,              \
      int lowerOnly, long long sa, long long sb, long long sc) {                             \
    gemm<T>(transA, transB, m, n, k, alpha, a + Z * sa, lda, b + Z * sb, ldb, beta,          \
        c + Z * sc, ldc, lowerOnly);                                                         \
  }                                                                                          \
  extern "C" __global__ void ntk_potrf_block_##SUFFIX(T *a, int lda, int k, int b,           \
      int *info, long long stride) {                                                         \
    potrf_block<T>(a + Z * stride, lda, k, b, info + Z);                                     \
  }                                                                                          \
  extern "C" __global__ void ntk_trsm_panel_##SUFFIX(T *a, int lda, int n, int k, int b,     \
      const int *info, long long stride) {                                                   \
    trsm_panel<T>(a + Z * stride, lda, n, k, b, info + Z);                                   \
  }                                                                                          \
  extern "C" __global__ void ntk_zero_upper_##SUFFIX(T *a, int lda, int n,                   \
      long long stride) {                                                                    \
    zero_upper<T>(a + Z * stride, lda, n);                                                   \
  }                                                                                          \
  extern "C" __global__ void ntk_trsv_block_##SUFFIX(const T *t, int ldt, int trans,         \
      int lower, T *b, int ldb, int nrhs, int k, int nb) {                                   \
    trsv_block<T>(t, ldt, trans, lower, b, ldb, nrhs, k, nb);                                \
  }                                                                                          \
  extern "C" __global__ void ntk_jacobi_rotations_##SUFFIX(const T *a, int n, int m,         \
      int step, int *pq, T *cs, long long stride) {                                          \
    jacobi_rotations<T>(a + Z * stride, n, m, step, pq, cs + Z * m, blockIdx.z == 0);        \
  }                                                                                          \
  extern "C" __global__ void ntk_jacobi_rotate_rows_##SUFFIX(T *x, int n, int pairs,         \
      const int *pq, const T *cs, long long stride) {                                        \
    jacobi_rotate_rows<T>(x + Z * stride, n, pairs, pq, cs + Z * 2 * pairs);                 \
  }                                                                                          \
  extern "C" __global__ void ntk_jacobi_rotate_cols_##SUFFIX(T *a, int n, int pairs,         \
      const int *pq, const T *cs, long long stride) {                                        \
    jacobi_rotate_cols<T>(a + Z * stride, n, pairs, pq, cs + Z * 2 * pairs);                 \
  }                                                                                          \
  extern "C" __global__ void ntk_off_diagonal_norm_##SUFFIX(const T *a, int n,               \
      double *sums, long long stride) {                                                      \
    off_diagonal_norm<T>(a + Z * stride, n, sums + 2 * Z);                                   \
  }                                                                                          \
  extern "C" __global__ void ntk_scale_rows_##SUFFIX(const T *rm, const T *f, int r, int k,  \
      int times, T *out) {                                                                   \
    scale_rows<T>(rm, f, r, k, times, out);                                                  \
  }

NTK_LINALG(double, f64)
NTK_LINALG(float, f32)
