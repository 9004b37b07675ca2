/*
 * Kernel tiles for CPU devices (PoCL), appended after ntk_tile.cl. No local memory and no
 * barriers: caches do the blocking. Work-items use explicit 8-wide vectors, so the SIMD units
 * are used whatever the work-item vectorizer does: for the Gram sums (a register-blocked
 * outer-product micro-kernel) and the whole layer recursion, through the 8-wide copy of the
 * expectations and the program (ntkv_diag, ntkv_pair).
 */

/* Outputs per work-item: MR rows × NR columns (NR = two column panels of PANEL, 8 or 16, one
 * vector register each); the host launches with the same numbers
 * (OpenClKernelSource.Blocking.CPU_ROWS, cpuCols()). */
#define MR 8
#define NR (2 * PANEL)
/* 8-wide part p of a PANEL-wide vector. */
#if PANEL == 16
#define NTK_PART(v, p) ((p) == 0 ? (v).lo : (v).hi)
#else
#define NTK_PART(v, p) (v)
#endif

/* ntk_diagonal for 8 inputs per work-item; q is padded to STRIDE(n) values. */
__kernel void ntk_diagonal_cpu(__global const REAL *q, const int n, __global STORE *nngp,
    __global STORE *ntk, __global REAL *vars, const int stride) {
  const int i0 = get_global_id(0) * 8;
  if (i0 >= n) {
    return;
  }
  REAL8 k8, t8;
  ntkv_diag(vload8(0, q + i0), &k8, &t8, vars + i0, stride);
  REAL k[8];
  REAL t[8];
  vstore8(k8, 0, k);
  vstore8(t8, 0, t);
  for (int v = 0; v < 8 && i0 + v < n; v++) {
    nngp[i0 + v] = (STORE)k[v];
    ntk[i0 + v] = (STORE)t[v];
  }
}

/* Runs the recursion on 8 Gram entries (row, columns col .. col + 7) and stores what is inside. */
static void ntk_cpu_epilogue(const ACC8 g, const ACC inv_d, __global const REAL *v1,
    const int n1, __global const REAL *v2, const int n2, const int row, const int col,
    const int r0, const int c0, const int cols, __global STORE *nngp, __global STORE *ntk) {
  REAL8 k8, t8;
  ntkv_pair(CONVERT_REAL8(g * inv_d), v1 + row, STRIDE(n1), v2 + col, STRIDE(n2), &k8, &t8);
  const long o = (long)(row - r0) * cols + (col - c0);
  if (col - c0 + 8 <= cols) {
    vstore8(CONVERT_STORE8(k8), 0, nngp + o);
    vstore8(CONVERT_STORE8(t8), 0, ntk + o);
  } else {
    REAL k[8];
    REAL t[8];
    vstore8(k8, 0, k);
    vstore8(t8, 0, t);
    for (int v = 0; col - c0 + v < cols; v++) {
      nngp[o + v] = (STORE)k[v];
      ntk[o + v] = (STORE)t[v];
    }
  }
}

/*
 * One tile. X1 and X2 come packed in panels of PANEL rows, k-major (x[(p·d + k)·PANEL + r] is
 * X[PANEL·p + r][k]; zero rows pad n to a multiple of 2·PANEL), so every stream below is
 * contiguous. Work-item (j, i) keeps an MR × NR block of sums in 2·MR vector registers: per k
 * it loads NR values of X2 and multiplies them by each of the MR broadcast values of X1 (the
 * outer-product
 * form that maps to the FMA units). Each sum runs left to right over k as fma(x1, x2, acc),
 * the chain ntk_norms forms for the row norms, so a self-pair's Gram entry equals its norm.
 * On the diagonal tiles of a symmetric request, blocks wholly below the diagonal are skipped:
 * the sinks use only the upper triangle there.
 */
__kernel void ntk_tile_cpu(__global const STORE *x1p, __global const STORE *x2p, const int n1,
    const int n2, const int d, const int r0, const int c0, const int rows, const int cols,
    __global const REAL *v1, __global const REAL *v2, const int symmetric, const ACC inv_d,
    __global STORE *nngp, __global STORE *ntk) {
  const int jt = get_global_id(0) * NR;
  const int it = get_global_id(1) * MR;
  if (jt >= cols || it >= rows || (symmetric && r0 == c0 && jt + NR <= it)) {
    return;
  }
  __global const STORE *a = x1p + (long)((r0 + it) / PANEL) * d * PANEL + (r0 + it) % PANEL;
  __global const STORE *b0 = x2p + (long)((c0 + jt) / PANEL) * d * PANEL;
  __global const STORE *b1 = b0 + (long)d * PANEL;
  /* The 8 rows are spelled out so the 16 sums live in registers (a loop over an array of
   * accumulators stays in memory under PoCL's compiler). */
#define NTK_ROWS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#define NTK_ZERO(r) ACCP lo##r = (ACCP)((ACC)0); ACCP hi##r = lo##r;
  NTK_ROWS(NTK_ZERO)
  for (int k = 0; k < d; k++) {
    const ACCP p = CONVERT_ACCP(VLOADP(k, b0));
    const ACCP q = CONVERT_ACCP(VLOADP(k, b1));
    __global const STORE *ak = a + k * PANEL;
#define NTK_STEP(r) { const ACCP s = (ACCP)((ACC)ak[r]); lo##r = fma(s, p, lo##r); \
    hi##r = fma(s, q, hi##r); }
    NTK_ROWS(NTK_STEP)
  }
  /* The recursion, once in the code: one row's two vectors at a time. */
  ACCP sums[MR][2];
#define NTK_SAVE(r) sums[r][0] = lo##r; sums[r][1] = hi##r;
  NTK_ROWS(NTK_SAVE)
  for (int r = 0; r < MR && it + r < rows; r++) {
    for (int e = 0; e < NR / 8 && jt + 8 * e < cols; e++) {
      const int h = e / (PANEL / 8);
      ntk_cpu_epilogue(NTK_PART(sums[r][h], e % (PANEL / 8)), inv_d, v1, n1, v2, n2,
          r0 + it + r, c0 + jt + 8 * e, r0, c0, cols, nngp, ntk);
    }
  }
}
