/*
 * Fused kernel tiles (docs/ARCHITECTURE.md). The host prepends: the REAL/STORE/ACC typedefs and the
 * blocking constants BLK (work-items per edge), WPT (outputs per work-item per edge), TK (depth
 * of one local-memory panel), then ntk_expectations.h and the generated ntk_pair/ntk_diag.
 *
 * The host puts "#pragma OPENCL FP_CONTRACT OFF" first, so the compiler fuses nothing on its
 * own: every Gram sum and every row norm is the same explicit chain acc = fma(x1, x2, acc), left
 * to right over k, so the Gram diagonal equals the row norms bit for bit and q11·q22 − q12² is
 * exactly 0 for an input paired with itself (as in the CUDA tiles).
 */

#define TS (BLK * WPT)
/* Row length of the variance tables: n rounded up to 8, so 8-wide loads stay inside. */
#define STRIDE(n) (((n) + 7) / 8 * 8)

/* q[i] = ‖x_i‖²·(1/d), summed and scaled exactly as the Gram entries. */
__kernel void ntk_norms(__global const STORE *x, const int n, const int d, const ACC inv_d,
    __global REAL *q) {
  const int i = get_global_id(0);
  if (i >= n) {
    return;
  }
  ACC acc = (ACC)0;
  for (int k = 0; k < d; k++) {
    const ACC v = (ACC)x[(long)i * d + k];
    acc = fma(v, v, acc);
  }
  q[i] = (REAL)(acc * inv_d);
}

/*
 * The kernels of each input with itself (the diagonal recursion alone), and the table of its
 * variances before each nonlinearity (vars[m·stride + i], stride = STRIDE(n)) that the pair
 * kernels read.
 */
__kernel void ntk_diagonal(__global const REAL *q, const int n, __global STORE *nngp,
    __global STORE *ntk, __global REAL *vars, const int stride) {
  const int i = get_global_id(0);
  if (i >= n) {
    return;
  }
  REAL k, t;
  ntk_diag(q[i], &k, &t, vars + i, stride);
  nngp[i] = (STORE)k;
  ntk[i] = (STORE)t;
}

/*
 * One tile: rows [r0, r0 + rows) of X1 against rows [c0, c0 + cols) of X2 (row-major, row
 * length ld2 = d); v1, v2 are ntk_diagonal's variance tables of X1 and X2. Each work-group
 * forms a TS × TS block of the Gram matrix X1·X2ᵀ in registers from TK-deep panels staged in
 * local memory, then runs the whole layer recursion on it (the epilogue) and writes NNGP and
 * NTK once; the Gram block never reaches global memory.
 */
__kernel __attribute__((reqd_work_group_size(BLK, BLK, 1)))
void ntk_tile(__global const STORE *x1, __global const STORE *x2, const int n1, const int n2,
    const int d, const int r0, const int c0, const int rows, const int cols,
    __global const REAL *v1, __global const REAL *v2, const int ld2, const ACC inv_d,
    __global STORE *nngp, __global STORE *ntk) {
  __local STORE a[TK][TS + 1];
  __local STORE b[TK][TS + 1];
  const int lx = get_local_id(0);
  const int ly = get_local_id(1);
  const int rowBase = r0 + get_group_id(1) * TS;
  const int colBase = c0 + get_group_id(0) * TS;
  ACC acc[WPT][WPT];
  for (int i = 0; i < WPT; i++) {
    for (int j = 0; j < WPT; j++) {
      acc[i][j] = (ACC)0;
    }
  }
  for (int k0 = 0; k0 < d; k0 += TK) {
    for (int e = ly * BLK + lx; e < TS * TK; e += BLK * BLK) {
      const int r = e / TK;
      const int k = e - r * TK;
      const int gk = k0 + k;
      const int gi = rowBase + r;
      const int gj = colBase + r;
      a[k][r] = (gi < n1 && gk < d) ? x1[(long)gi * d + gk] : (STORE)0;
      b[k][r] = (gj < n2 && gk < d) ? x2[(long)gj * ld2 + gk] : (STORE)0;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int k = 0; k < TK; k++) {
      ACC av[WPT];
      ACC bv[WPT];
      for (int w = 0; w < WPT; w++) {
        av[w] = (ACC)a[k][ly + w * BLK];
        bv[w] = (ACC)b[k][lx + w * BLK];
      }
      for (int i = 0; i < WPT; i++) {
        for (int j = 0; j < WPT; j++) {
          acc[i][j] = fma(av[i], bv[j], acc[i][j]);
        }
      }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int i = 0; i < WPT; i++) {
    const int gi = rowBase + ly + i * BLK;
    for (int j = 0; j < WPT; j++) {
      const int gj = colBase + lx + j * BLK;
      if (gi < r0 + rows && gj < c0 + cols) {
        REAL k, t;
        ntk_pair((REAL)(acc[i][j] * inv_d), v1 + gi, STRIDE(n1), v2 + gj, STRIDE(n2), &k, &t);
        const long o = (long)(gi - r0) * cols + (gj - c0);
        nngp[o] = (STORE)k;
        ntk[o] = (STORE)t;
      }
    }
  }
}
