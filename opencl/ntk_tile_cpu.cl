/*
 * Kernel tiles for CPU devices (PoCL), appended after ntk_tile.cl. No local memory and no
 * barriers: caches do the blocking. Work-items use explicit vectors, so the SIMD units are used
 * whatever the work-item vectorizer does: for the Gram sums (a register-blocked outer-product
 * micro-kernel) and the whole layer recursion, through the LANES-wide copy of the expectations
 * and the program (ntkv_diag, ntkv_pair).
 *
 * The host picks the register block for the device's vector registers (OpenClKernelSource,
 * CpuVariant) and defines:
 *   PANEL   lanes of one vector register of ACC
 *   NPAN    vectors of columns per work-item, NR = NPAN·PANEL output columns
 *   MR      output rows per work-item, one broadcast value each
 *   HPANEL  the height of X1's and X2's packed panels (a multiple of MR and of PANEL)
 *   LANES   width of the recursion's vectors (REALV): PANEL / 2, PANEL or 2·PANEL
 *   NTK_ROWS(X), NTK_PANELS(X, r)  X applied to every row 0..MR-1 / every (r, panel)
 * so MR·NPAN accumulators, NPAN loaded panels and a broadcast fit the register file.
 */

#define NR (NPAN * PANEL)
/* The LANES-wide part e of row r's sums: a panel, half of one, or two side by side. */
#if LANES == PANEL
#define NTK_CHUNK(sums, r, e) (sums[r][e])
#elif 2 * LANES == PANEL
#define NTK_CHUNK(sums, r, e) ((e) % 2 == 0 ? sums[r][(e) / 2].lo : sums[r][(e) / 2].hi)
#else
#define NTK_CHUNK(sums, r, e) ((ACCV)(sums[r][2 * (e)], sums[r][2 * (e) + 1]))
#endif

/* ntk_diagonal for LANES inputs per work-item; q is padded to STRIDE(n) values. */
__kernel void ntk_diagonal_cpu(__global const REAL *q, const int n, __global STORE *nngp,
    __global STORE *ntk, __global REAL *vars, const int stride) {
  const int i0 = get_global_id(0) * LANES;
  if (i0 >= n) {
    return;
  }
  REALV kv, tv;
  ntkv_diag(VLOADV(0, q + i0), &kv, &tv, vars + i0, stride);
  REAL k[LANES];
  REAL t[LANES];
  VSTOREV(kv, 0, k);
  VSTOREV(tv, 0, t);
  for (int v = 0; v < LANES && i0 + v < n; v++) {
    nngp[i0 + v] = (STORE)k[v];
    ntk[i0 + v] = (STORE)t[v];
  }
}

/* Runs the recursion on LANES Gram entries (row, columns col ..) and stores what is inside. */
static void ntk_cpu_epilogue(const ACCV g, const ACC inv_d, __global const REAL *v1,
    const int n1, __global const REAL *v2, const int n2, const int row, const int col,
    const int r0, const int c0, const int cols, __global STORE *nngp, __global STORE *ntk) {
  REALV kv, tv;
  ntkv_pair(CONVERT_REALV(g * inv_d), v1 + row, STRIDE(n1), v2 + col, STRIDE(n2), &kv, &tv);
  const long o = (long)(row - r0) * cols + (col - c0);
  if (col - c0 + LANES <= cols) {
    VSTOREV(CONVERT_STOREV(kv), 0, nngp + o);
    VSTOREV(CONVERT_STOREV(tv), 0, ntk + o);
  } else {
    REAL k[LANES];
    REAL t[LANES];
    VSTOREV(kv, 0, k);
    VSTOREV(tv, 0, t);
    for (int v = 0; col - c0 + v < cols; v++) {
      nngp[o + v] = (STORE)k[v];
      ntk[o + v] = (STORE)t[v];
    }
  }
}

/*
 * One tile. X1 and X2 come packed in panels of H = HPANEL rows, k-major (x[(p·d + k)·H + r]
 * is X[H·p + r][k]; zero rows pad the ends), so every stream below is contiguous. Work-item
 * (j, i) keeps an MR × NR block of sums in MR·NPAN vector registers: per k it loads NPAN vectors of X2 and multiplies them by each of the MR
 * broadcast values of X1 (the outer-product form that maps to the FMA units). Each sum runs
 * left to right over k as fma(x1, x2, acc), the chain ntk_norms forms for the row norms, so a
 * self-pair's Gram entry equals its norm. On the diagonal tiles of a symmetric request, blocks
 * wholly below the diagonal are skipped: the sinks use only the upper triangle there.
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
  __global const STORE *a = x1p + (long)((r0 + it) / HPANEL) * d * HPANEL
      + (r0 + it) % HPANEL;
  /* The rows and vectors are spelled out so the sums live in registers (a loop over an array
   * of accumulators stays in memory under PoCL's compiler). */
#define NTK_PANEL_PTR(r, p) __global const STORE *b##p = x2p \
    + (long)((c0 + jt + (p) * PANEL) / HPANEL) * d * HPANEL + (c0 + jt + (p) * PANEL) % HPANEL;
  NTK_PANELS(NTK_PANEL_PTR, 0)
#define NTK_ZERO(r, p) ACCP acc##r##_##p = (ACCP)((ACC)0);
#define NTK_ROW_ZERO(r) NTK_PANELS(NTK_ZERO, r)
  NTK_ROWS(NTK_ROW_ZERO)
  for (int k = 0; k < d; k++) {
#define NTK_LOAD_PANEL(r, p) const ACCP bv##p = CONVERT_ACCP(VLOADP(0, b##p + k * HPANEL));
    NTK_PANELS(NTK_LOAD_PANEL, 0)
    __global const STORE *ak = a + k * HPANEL;
#define NTK_FMA(r, p) acc##r##_##p = fma(s##r, bv##p, acc##r##_##p);
#define NTK_STEP(r) { const ACCP s##r = (ACCP)((ACC)ak[r]); NTK_PANELS(NTK_FMA, r) }
    NTK_ROWS(NTK_STEP)
  }
  /* The recursion, once in the code: one LANES-wide part of a row at a time. */
  ACCP sums[MR][NPAN];
#define NTK_SAVE(r, p) sums[r][p] = acc##r##_##p;
#define NTK_ROW_SAVE(r) NTK_PANELS(NTK_SAVE, r)
  NTK_ROWS(NTK_ROW_SAVE)
  for (int r = 0; r < MR && it + r < rows; r++) {
    for (int e = 0; e < NR / LANES && jt + LANES * e < cols; e++) {
      ntk_cpu_epilogue(NTK_CHUNK(sums, r, e), inv_d, v1, n1, v2, n2, r0 + it + r,
          c0 + jt + LANES * e, r0, c0, cols, nngp, ntk);
    }
  }
}
