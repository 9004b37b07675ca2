/*
 * The interpreter of an encoded KernelProgram (org.ntk4j.backend.cuda.ProgramCode), shared by
 * the CUDA kernels (ntk_tile.cu) and a host build for tests: compiled as plain C++ (no
 * __CUDACC__), the qualifiers vanish and __ldg is a plain load, so the same source runs on the
 * CPU and can be checked against the oracle without a GPU (ProgramInterpreterHostTest).
 */
#ifndef NTK_PROGRAM_CUH
#define NTK_PROGRAM_CUH

#ifdef __CUDACC__
#define NTK_HD __device__
#define NTK_LDG(p) __ldg(p)
#define NTK_NOINLINE __noinline__
#define NTK_FN static __device__ __forceinline__
#else
#include <cmath>
using std::atan2;
using std::cos;
using std::exp;
using std::fabs;
using std::fmax;
using std::sqrt;
#define NTK_HD
#define NTK_LDG(p) (*(p))
#define NTK_NOINLINE
#define NTK_FN static inline
#endif

#define REAL double
#include "ntk_expectations.h"
#undef REAL
#undef NTK_EXPECTATIONS_H
#define REAL float
#include "ntk_expectations.h"
#undef REAL

/* Op and nonlinearity codes: the same numbers as ProgramCode.java. */
#define OP_AFFINE 0      /* reg, ntkParameterization; consts w2, b2, nIn, bias */
#define OP_ELEMENTWISE 1 /* reg, function, degree; consts a, b, c */
#define OP_COPY 2        /* to, from */
#define OP_SUM 3         /* count, regs... */
#define OP_PRODUCT 4     /* count, regs... */
#define OP_WEIGHTED 5    /* count, regs...; consts weights... */

#define FN_ABRELU 0
#define FN_ERF 1
#define FN_GELU 2
#define FN_SIN 3
#define FN_RBF 4
#define FN_SIGN 5
#define FN_MONOMIAL 6
#define FN_RECTMONOMIAL 7

/* Σ′ and Σ̇ of nonlinearity fn for the covariance [[q11, q12], [q12, q22]]. */
template <typename R>
NTK_HD inline void expectation(int fn, int degree, R a, R b, R c, R q11, R q22,
    R q12, R *sigma, R *dot) {
  switch (fn) {
    case FN_ABRELU: ntk_abrelu(a, b, q11, q22, q12, sigma, dot); break;
    case FN_ERF: ntk_erf(a, b, c, q11, q22, q12, sigma, dot); break;
    case FN_GELU: ntk_gelu(q11, q22, q12, sigma, dot); break;
    case FN_SIN: ntk_sin(a, b, c, q11, q22, q12, sigma, dot); break;
    case FN_RBF: ntk_rbf(a, q11, q22, q12, sigma, dot); break;
    case FN_SIGN: ntk_sign(q11, q22, q12, sigma, dot); break;
    case FN_MONOMIAL: ntk_monomial(degree, q11, q22, q12, sigma, dot); break;
    default: ntk_rectmonomial(degree, q11, q22, q12, sigma, dot); break;
  }
}

/*
 * Runs the program on one pair (PARTS = 3: parts 0, 1, 2 are the cross term 12 and the
 * variances 11, 22) or one input with itself (PARTS = 1: part 0 is 11). q and t hold Σ and Θ
 * of every register set; with SETS = 1 every index is a constant and the state stays in
 * registers. Each op mirrors org.ntk4j.kernel.program.ProgramSource statement for statement.
 */
template <typename R, int SETS, int PARTS>
NTK_HD NTK_NOINLINE void run_program(const int *__restrict__ code, int ncode,
    const R *__restrict__ consts, int out, R in0, R in1, R in2, R *nngp, R *ntk) {
  R q[PARTS][SETS];
  R t[PARTS][SETS];
  const R in[3] = {in0, in1, in2};
#pragma unroll
  for (int x = 0; x < PARTS; x++) {
    q[x][0] = in[x];
    t[x][0] = (R)0;
  }
#define SET(r) (SETS == 1 ? 0 : (r))
  int pc = 0;
  while (pc < ncode) {
    const int op = NTK_LDG(&code[pc]);
    if (op == OP_AFFINE) {
      const int r = SET(NTK_LDG(&code[pc + 1]));
      const int ntkParam = NTK_LDG(&code[pc + 2]);
      const R *k = &consts[NTK_LDG(&code[pc + 3])];
      const R w2 = k[0], b2 = k[1], nIn = k[2], bias = k[3];
#pragma unroll
      for (int x = 0; x < PARTS; x++) {
        if (ntkParam) {
          const R s = w2 * q[x][r] + b2;
          t[x][r] = s + w2 * t[x][r];
          q[x][r] = s;
        } else {
          const R s = q[x][r];
          t[x][r] = nIn * s + w2 * t[x][r] + bias;
          q[x][r] = w2 * s + b2;
        }
      }
      pc += 4;
    } else if (op == OP_ELEMENTWISE) {
      const int r = SET(NTK_LDG(&code[pc + 1]));
      const int fn = NTK_LDG(&code[pc + 2]);
      const int degree = NTK_LDG(&code[pc + 3]);
      const R *k = &consts[NTK_LDG(&code[pc + 4])];
      R e0, e1;
      if (PARTS == 3) { /* the cross term from the old variances first */
        expectation<R>(fn, degree, k[0], k[1], k[2], q[1][r], q[2][r], q[0][r], &e0, &e1);
        q[0][r] = e0;
        t[0][r] = t[0][r] * e1;
      }
#pragma unroll
      for (int x = PARTS == 3 ? 1 : 0; x < PARTS; x++) {
        expectation<R>(fn, degree, k[0], k[1], k[2], q[x][r], q[x][r], q[x][r], &e0, &e1);
        q[x][r] = e0;
        t[x][r] = t[x][r] * e1;
      }
      pc += 5;
    } else if (op == OP_COPY) {
      const int to = SET(NTK_LDG(&code[pc + 1]));
      const int from = SET(NTK_LDG(&code[pc + 2]));
#pragma unroll
      for (int x = 0; x < PARTS; x++) {
        q[x][to] = q[x][from];
        t[x][to] = t[x][from];
      }
      pc += 3;
    } else if (op == OP_SUM) {
      const int count = NTK_LDG(&code[pc + 1]);
      const int to = SET(NTK_LDG(&code[pc + 2]));
      for (int b = 1; b < count; b++) {
        const int from = SET(NTK_LDG(&code[pc + 2 + b]));
#pragma unroll
        for (int x = 0; x < PARTS; x++) {
          q[x][to] = q[x][to] + q[x][from];
          t[x][to] = t[x][to] + t[x][from];
        }
      }
      pc += 2 + count;
    } else if (op == OP_PRODUCT) {
      /* Θ = Σᵢ Θᵢ·Πⱼ≠ᵢ Σⱼ (before Σ changes), then Σ = ΠΣᵢ */
      const int count = NTK_LDG(&code[pc + 1]);
      const int *regs = &code[pc + 2];
      const int to = SET(NTK_LDG(&regs[0]));
#pragma unroll
      for (int x = 0; x < PARTS; x++) {
        R acc = (R)0;
        for (int i = 0; i < count; i++) {
          R term = t[x][SET(NTK_LDG(&regs[i]))];
          for (int j = 0; j < count; j++) {
            if (j != i) {
              term = term * q[x][SET(NTK_LDG(&regs[j]))];
            }
          }
          acc = acc + term;
        }
        t[x][to] = acc;
      }
      for (int b = 1; b < count; b++) {
        const int from = SET(NTK_LDG(&regs[b]));
#pragma unroll
        for (int x = 0; x < PARTS; x++) {
          q[x][to] = q[x][to] * q[x][from];
        }
      }
      pc += 2 + count;
    } else { /* OP_WEIGHTED: scale the first branch, then add the others scaled */
      const int count = NTK_LDG(&code[pc + 1]);
      const int *regs = &code[pc + 2];
      const R *w = &consts[NTK_LDG(&code[pc + 2 + count])];
      const int to = SET(NTK_LDG(&regs[0]));
#pragma unroll
      for (int x = 0; x < PARTS; x++) {
        q[x][to] = q[x][to] * w[0];
        t[x][to] = t[x][to] * w[0];
      }
      for (int b = 1; b < count; b++) {
        const int from = SET(NTK_LDG(&regs[b]));
#pragma unroll
        for (int x = 0; x < PARTS; x++) {
          q[x][to] = q[x][to] + w[b] * q[x][from];
          t[x][to] = t[x][to] + w[b] * t[x][from];
        }
      }
      pc += 3 + count;
    }
  }
#undef SET
  *nngp = q[0][SETS == 1 ? 0 : out];
  *ntk = t[0][SETS == 1 ? 0 : out];
}

#endif
