/*
 * Kernel tiles for CPU devices (PoCL), appended after ntk_tile.cl. No local memory and no
 * barriers: caches do the blocking. Work-items handle 8 neighbouring columns as explicit 8-wide
 * vectors, so the SIMD units are used whatever the work-item vectorizer does: the Gram sums
 * (each lane still sums its entry left to right over k) and the whole layer recursion, through
 * the 8-wide copy of the expectations and the program (ntkv_diag, ntkv_pair).
 */

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

/*
 * One tile: work-item (j, i) forms the Gram entries of columns c0 + jt .. + 7 against RPT rows,
 * reading X2 transposed (d × ld2, zero-padded to a multiple of 8 columns), then runs the
 * recursion on each row's 8 entries at once.
 */
__kernel void ntk_tile_cpu(__global const STORE *x1, __global const STORE *x2t, const int n1,
    const int n2, const int d, const int r0, const int c0, const int rows, const int cols,
    __global const REAL *v1, __global const REAL *v2, const int ld2, const ACC inv_d,
    __global STORE *nngp, __global STORE *ntk) {
  const int jt = get_global_id(0) * 8;
  const int it = get_global_id(1) * RPT;
  if (jt >= cols || it >= rows) {
    return;
  }
  ACC8 acc[RPT];
  int row[RPT];
  for (int r = 0; r < RPT; r++) {
    acc[r] = (ACC8)((ACC)0);
    row[r] = r0 + min(it + r, rows - 1);
  }
  __global const STORE *col = x2t + c0 + jt;
  for (int k = 0; k < d; k++) {
    const ACC8 b = CONVERT_ACC8(vload8(0, col + (long)k * ld2));
    for (int r = 0; r < RPT; r++) {
      acc[r] = acc[r] + (ACC8)((ACC)x1[(long)row[r] * d + k]) * b;
    }
  }
  for (int r = 0; r < RPT && it + r < rows; r++) {
    REAL8 k8, t8;
    ntkv_pair(CONVERT_REAL8(acc[r] * inv_d), v1 + row[r], STRIDE(n1), v2 + c0 + jt,
        STRIDE(n2), &k8, &t8);
    const long o = (long)(it + r) * cols + jt;
    if (jt + 8 <= cols) {
      vstore8(CONVERT_STORE8(k8), 0, nngp + o);
      vstore8(CONVERT_STORE8(t8), 0, ntk + o);
    } else {
      REAL k[8];
      REAL t[8];
      vstore8(k8, 0, k);
      vstore8(t8, 0, t);
      for (int v = 0; jt + v < cols; v++) {
        nngp[o + v] = (STORE)k[v];
        ntk[o + v] = (STORE)t[v];
      }
    }
  }
}
