/*
 * Fused kernel tiles for CUDA (docs/ARCHITECTURE.md), the counterpart of opencl/ntk_tile.cl: each
 * thread block forms a 64×64 block of the Gram matrix X1·X2ᵀ in registers from 16-deep panels
 * staged in shared memory, then runs the whole layer recursion on it and writes NNGP and NTK
 * once; the Gram block never reaches global memory.
 *
 * The layer recursion is the architecture's flat KernelProgram, encoded by the host
 * (org.ntk4j.backend.cuda.ProgramCode) as an int stream plus a constant stream, and interpreted
 * by run_program (ntk_program.cuh). Every thread of the grid runs the same program, so the
 * branches are uniform and cost a few instructions per op next to the expectations' atan2/sqrt. This keeps kernels prebuilt as
 * PTX: run-time CUDA C compilation would need NVRTC, which JCuda 12.6 binds as libnvrtc.so.12,
 * absent on CUDA-13-only machines (README, "CUDA").
 *
 * The expectation formulas come from the one shared header, opencl/ntk_expectations.h,
 * included once per precision (C++ overloads the functions by argument type). The Gram sums
 * and the row norms are both explicit fma() chains over k in the same order, so the Gram
 * diagonal of a symmetric request equals the norms bit for bit and θ between an input and
 * itself is exactly 0, as in the oracle, while the products run at the full FMA rate;
 * everything else is compiled with --fmad=false (cuda/build-ptx.sh) so it rounds as written.
 */

#include "ntk_program.cuh"

#define BLK 16 /* threads per block edge */
#define WPT 4  /* outputs per thread per edge */
#define TS (BLK * WPT)
#define TK 16 /* depth of one shared-memory panel */

/* q[i] = ‖x_i‖²/d, the same fma chain as the Gram entries of ntk_tile. */
template <typename R>
__device__ void norms(const R *__restrict__ x, int n, int d, R inv_d, R *__restrict__ q) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) {
    return;
  }
  R acc = (R)0;
  for (int k = 0; k < d; k++) {
    const R v = x[(long long)i * d + k];
    acc = fma(v, v, acc);
  }
  q[i] = acc * inv_d;
}

/* The kernels of each input with itself: the program on (q, q, q) for the 11 part alone. */
template <typename R, int SETS>
__device__ void diagonal(const int *code, int ncode, const R *consts, int out,
    const R *__restrict__ q, int n, R *__restrict__ nngp, R *__restrict__ ntk) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) {
    return;
  }
  R k, t;
  run_program<R, SETS, 1>(code, ncode, consts, out, q[i], q[i], q[i], &k, &t);
  nngp[i] = k;
  ntk[i] = t;
}

/*
 * One tile: rows [r0, r0 + rows) of X1 against rows [c0, c0 + cols) of X2, written row-major
 * with row length cols. Block (BLK, BLK); grid (⌈cols/TS⌉, ⌈rows/TS⌉).
 */
template <typename R, int SETS>
__device__ void tile(const R *__restrict__ x1, const R *__restrict__ x2, int n1, int n2, int d,
    int r0, int c0, int rows, int cols, const R *__restrict__ q1, const R *__restrict__ q2,
    R inv_d, const int *code, int ncode, const R *consts, int out, R *__restrict__ nngp,
    R *__restrict__ ntk) {
  __shared__ R a[TK][TS + 1];
  __shared__ R b[TK][TS + 1];
  const int lx = threadIdx.x;
  const int ly = threadIdx.y;
  const int rowBase = r0 + blockIdx.y * TS;
  const int colBase = c0 + blockIdx.x * TS;
  R acc[WPT][WPT];
#pragma unroll
  for (int i = 0; i < WPT; i++) {
#pragma unroll
    for (int j = 0; j < WPT; j++) {
      acc[i][j] = (R)0;
    }
  }
  for (int k0 = 0; k0 < d; k0 += TK) {
    for (int e = ly * BLK + lx; e < TS * TK; e += BLK * BLK) {
      const int r = e / TK;
      const int k = e - r * TK;
      const int gk = k0 + k;
      const int gi = rowBase + r;
      const int gj = colBase + r;
      a[k][r] = (gi < n1 && gk < d) ? x1[(long long)gi * d + gk] : (R)0;
      b[k][r] = (gj < n2 && gk < d) ? x2[(long long)gj * d + gk] : (R)0;
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TK; k++) {
      R av[WPT];
      R bv[WPT];
#pragma unroll
      for (int w = 0; w < WPT; w++) {
        av[w] = a[k][ly + w * BLK];
        bv[w] = b[k][lx + w * BLK];
      }
#pragma unroll
      for (int i = 0; i < WPT; i++) {
#pragma unroll
        for (int j = 0; j < WPT; j++) {
          acc[i][j] = fma(av[i], bv[j], acc[i][j]);
        }
      }
    }
    __syncthreads();
  }
  /* Unrolled so acc stays in registers; the program is one out-of-line call per entry. */
#pragma unroll
  for (int i = 0; i < WPT; i++) {
    const int gi = rowBase + ly + i * BLK;
#pragma unroll
    for (int j = 0; j < WPT; j++) {
      const int gj = colBase + lx + j * BLK;
      if (gi < r0 + rows && gj < c0 + cols) {
        R k, t;
        run_program<R, SETS, 3>(code, ncode, consts, out, acc[i][j] * inv_d, q1[gi], q2[gj],
            &k, &t);
        const long long o = (long long)(gi - r0) * cols + (gj - c0);
        nngp[o] = k;
        ntk[o] = t;
      }
    }
  }
}

/* Register sets: 1 (plain stacks, state in registers) or up to MANY (fan-out architectures). */
#define MANY 16

#define NTK_TILE(R, P, SETS, S)                                                               \
  extern "C" __global__ void __launch_bounds__(BLK * BLK) ntk_tile_##P##_##S(                \
      const R *x1, const R *x2, int n1, int n2, int d, int r0, int c0, int rows, int cols,  \
      const R *q1, const R *q2, R inv_d, const int *code, int ncode, const R *consts,       \
      int out, R *nngp, R *ntk) {                                                            \
    tile<R, SETS>(x1, x2, n1, n2, d, r0, c0, rows, cols, q1, q2, inv_d, code, ncode, consts, \
        out, nngp, ntk);                                                                     \
  }                                                                                          \
  extern "C" __global__ void ntk_diagonal_##P##_##S(const int *code, int ncode,              \
      const R *consts, int out, const R *q, int n, R *nngp, R *ntk) {                        \
    diagonal<R, SETS>(code, ncode, consts, out, q, n, nngp, ntk);                            \
  }

NTK_TILE(double, f64, 1, s1)
NTK_TILE(double, f64, MANY, s16)
NTK_TILE(float, f32, 1, s1)
NTK_TILE(float, f32, MANY, s16)

extern "C" __global__ void ntk_norms_f64(const double *x, int n, int d, double inv_d,
    double *q) {
  norms<double>(x, n, d, inv_d, q);
}

extern "C" __global__ void ntk_norms_f32(const float *x, int n, int d, float inv_d, float *q) {
  norms<float>(x, n, d, inv_d, q);
}
