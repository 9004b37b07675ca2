/*
 * Fused kernel tiles, written once for OpenCL and CUDA in the macros of ntk_dialect.h: the row
 * norms, each input with itself, and the tiles of pairs. The includer puts ntk_dialect.h first
 * and defines
 *   REAL, STORE, ACC   the recursion's type, the inputs' and outputs' type, the Gram sums' type
 *   BLK, WPT, TK       work-items per tile edge, outputs per work-item per edge, the depth of
 *                      one local-memory panel
 * and the architecture's program, as two functions with ProgramSource's signatures:
 *   NTK_DIAG(q, &nngp, &ntk, vars, stride)        an input with itself; stores its variance
 *                                                 before nonlinearity m at vars[m·stride]
 *   NTK_PAIR(q12, v1, s1, v2, s2, &nngp, &ntk)    a pair, reading both inputs' variances from
 *                                                 those tables instead of recomputing them
 * with NTK_PROGRAM_PARAMS, the kernel parameters they need beyond these (appended after the
 * outputs). OpenCL compiles the program into the source (ProgramSource's ntk_diag, ntk_pair:
 * the defaults below; OpenClKernelSource assembles it); CUDA interprets the encoded program
 * (cuda/ntk_tile.cu, ntk_program.cuh).
 *
 * Every Gram sum and every row norm is the same explicit chain acc = fma(x1, x2, acc), left to
 * right over k, and nothing else is contracted (OpenCL: FP_CONTRACT OFF; CUDA: --fmad=false),
 * so the Gram diagonal equals the row norms bit for bit and q11·q22 − q12² is exactly 0 for an
 * input paired with itself.
 */
#ifndef NTK_DIAG
#define NTK_DIAG ntk_diag
#define NTK_PAIR ntk_pair
#define NTK_PROGRAM_PARAMS
#endif

#define TS (BLK * WPT)
/* Row length of the variance tables: n rounded up to 16, so 16-wide loads stay inside. */
#define STRIDE(n) (((n) + 15) / 16 * 16)

/* q[i] = ‖x_i‖²·(1/d), summed and scaled exactly as the Gram entries. */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_norms)(NTK_GLOBAL const STORE *NTK_RESTRICT x,
    const int n, const int d, const ACC inv_d, NTK_GLOBAL REAL *NTK_RESTRICT q) {
  const int i = NTK_GLOBAL_ID(0);
  if (i >= n) {
    return;
  }
  ACC acc = (ACC)0;
  for (int k = 0; k < d; k++) {
    const ACC v = (ACC)x[(NTK_LONG)i * d + k];
    acc = fma(v, v, acc);
  }
  q[i] = (REAL)(acc * inv_d);
}

/*
 * The kernels of each input with itself (the diagonal recursion alone), and the table of its
 * variances before each nonlinearity (vars[m·stride + i], stride = STRIDE(n)) that the pair
 * kernels read.
 */
NTK_KERNEL void NTK_KERNEL_NAME(ntk_diagonal)(NTK_GLOBAL const REAL *NTK_RESTRICT q,
    const int n, NTK_GLOBAL STORE *NTK_RESTRICT nngp, NTK_GLOBAL STORE *NTK_RESTRICT ntk,
    NTK_GLOBAL REAL *NTK_RESTRICT vars, const int stride NTK_PROGRAM_PARAMS) {
  const int i = NTK_GLOBAL_ID(0);
  if (i >= n) {
    return;
  }
  REAL k, t;
  NTK_DIAG(q[i], &k, &t, vars + i, stride);
  nngp[i] = (STORE)k;
  ntk[i] = (STORE)t;
}

/*
 * One tile: rows [r0, r0 + rows) of X1 against rows [c0, c0 + cols) of X2 (row-major, d per
 * row), written row-major with row length cols; v1, v2 are ntk_diagonal's variance tables of
 * X1 and X2. Each work-group forms a TS × TS block of the Gram matrix X1·X2ᵀ in registers from
 * TK-deep panels staged in local memory, then runs the whole layer recursion on it (the
 * epilogue) and writes NNGP and NTK once; the Gram block never reaches global memory. Groups
 * (BLK, BLK), ⌈cols/TS⌉ × ⌈rows/TS⌉ of them. On the diagonal tiles of a symmetric request,
 * blocks wholly below the diagonal are skipped: the sinks use only the upper triangle there.
 */
NTK_KERNEL NTK_GROUP_SIZE(BLK, BLK)
void NTK_KERNEL_NAME(ntk_tile)(NTK_GLOBAL const STORE *NTK_RESTRICT x1,
    NTK_GLOBAL const STORE *NTK_RESTRICT x2, const int n1, const int n2, const int d,
    const int r0, const int c0, const int rows, const int cols,
    NTK_GLOBAL const REAL *NTK_RESTRICT v1, NTK_GLOBAL const REAL *NTK_RESTRICT v2,
    const int symmetric, const ACC inv_d, NTK_GLOBAL STORE *NTK_RESTRICT nngp,
    NTK_GLOBAL STORE *NTK_RESTRICT ntk NTK_PROGRAM_PARAMS) {
  NTK_LOCAL STORE a[TK][TS + 1];
  NTK_LOCAL STORE b[TK][TS + 1];
  const int lx = NTK_LOCAL_ID(0);
  const int ly = NTK_LOCAL_ID(1);
  const int rowBase = r0 + NTK_GROUP_ID(1) * TS;
  const int colBase = c0 + NTK_GROUP_ID(0) * TS;
  /* Uniform per work-group, so returning before the barriers is safe. */
  if (symmetric && r0 == c0 && colBase + TS <= rowBase) {
    return;
  }
  ACC acc[WPT][WPT];
  NTK_UNROLL
  for (int i = 0; i < WPT; i++) {
    NTK_UNROLL
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
      a[k][r] = (gi < n1 && gk < d) ? x1[(NTK_LONG)gi * d + gk] : (STORE)0;
      b[k][r] = (gj < n2 && gk < d) ? x2[(NTK_LONG)gj * d + gk] : (STORE)0;
    }
    NTK_BARRIER();
    NTK_UNROLL
    for (int k = 0; k < TK; k++) {
      ACC av[WPT];
      ACC bv[WPT];
      NTK_UNROLL
      for (int w = 0; w < WPT; w++) {
        av[w] = (ACC)a[k][ly + w * BLK];
        bv[w] = (ACC)b[k][lx + w * BLK];
      }
      NTK_UNROLL
      for (int i = 0; i < WPT; i++) {
        NTK_UNROLL
        for (int j = 0; j < WPT; j++) {
          acc[i][j] = fma(av[i], bv[j], acc[i][j]);
        }
      }
    }
    NTK_BARRIER();
  }
  /* Unrolled so acc stays in registers. */
  NTK_UNROLL
  for (int i = 0; i < WPT; i++) {
    const int gi = rowBase + ly + i * BLK;
    NTK_UNROLL
    for (int j = 0; j < WPT; j++) {
      const int gj = colBase + lx + j * BLK;
      if (gi < r0 + rows && gj < c0 + cols) {
        REAL k, t;
        NTK_PAIR((REAL)(acc[i][j] * inv_d), v1 + gi, STRIDE(n1), v2 + gj, STRIDE(n2), &k, &t);
        const NTK_LONG o = (NTK_LONG)(gi - r0) * cols + (gj - c0);
        nngp[o] = (STORE)k;
        ntk[o] = (STORE)t;
      }
    }
  }
}
