/*
 * The interpreter of an encoded KernelProgram (org.ntk4j.backend.cuda.ProgramCode), the CUDA
 * form of the NTK_DIAG and NTK_PAIR functions of opencl/ntk_tile.cl (OpenCL compiles the same
 * program into its kernel instead: org.ntk4j.kernel.program.ProgramSource). Shared by the CUDA
 * kernels (ntk_tile.cu) and a host build for tests: compiled as plain C++ (no __CUDACC__), the
 * qualifiers vanish and __ldg is a plain load, so the same source runs on the CPU and can be
 * checked against the oracle without a GPU (ProgramInterpreterHostTest).
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
using std::erf;
using std::exp;
using std::fabs;
using std::fmax;
using std::fmin;
using std::isinf;
using std::log;
using std::pow;
using std::sin;
using std::sqrt;
using std::tanh;
#define NTK_HD
#define NTK_LDG(p) (*(p))
#define NTK_NOINLINE
#define NTK_FN static inline
#endif

/*
 * The evaluator of users' φ expressions (org.ntk4j.backend.cuda.ExpressionCode): p holds the
 * count and codes of φ, then those of φ′; postfix codes over a stack of EX_STACK values.
 */
#define EX_X 0
#define EX_CONST 1 /* followed by the value */
#define EX_POWI 2  /* followed by n: the top times itself, n factors (1/that for n < 0) */
#define EX_ADD 3
#define EX_SUB 4
#define EX_MUL 5
#define EX_DIV 6
#define EX_POW 7
#define EX_NEG 8
#define EX_EXP 9
#define EX_LOG 10
#define EX_SQRT 11
#define EX_SIN 12
#define EX_COS 13
#define EX_TANH 14
#define EX_ERF 15
#define EX_ABS 16
#define EX_SIGN 17
#define EX_STEP 18 /* 1 for x >= 0, else 0 */
#define EX_MAX 19
#define EX_MIN 20
#define EX_STACK 16

template <typename R>
NTK_HD inline R ntk_expression(const R *p, int derivative, R x) {
  if (derivative) {
    p += 1 + (int)NTK_LDG(p);
  }
  const int n = (int)NTK_LDG(p);
  R s[EX_STACK];
  int top = 0;
  for (int i = 1; i <= n; i++) {
    const int c = (int)NTK_LDG(&p[i]);
    if (c == EX_X) {
      s[top++] = x;
    } else if (c == EX_CONST) {
      s[top++] = NTK_LDG(&p[++i]);
    } else if (c == EX_POWI) {
      const int n = (int)NTK_LDG(&p[++i]);
      R r = (R)1;
      for (int k = 0; k < (n < 0 ? -n : n); k++) {
        r = r * s[top - 1];
      }
      s[top - 1] = n < 0 ? (R)1 / r : r;
    } else if (c <= EX_POW || c >= EX_MAX) { /* binary: replace the top two */
      const R b = s[--top];
      const R a = s[top - 1];
      R r;
      switch (c) {
        case EX_ADD: r = a + b; break;
        case EX_SUB: r = a - b; break;
        case EX_MUL: r = a * b; break;
        case EX_DIV: r = a / b; break;
        case EX_POW: r = pow(a, b); break;
        case EX_MAX: r = fmax(a, b); break;
        default: r = fmin(a, b); break;
      }
      s[top - 1] = r;
    } else { /* unary: replace the top */
      const R a = s[top - 1];
      R r;
      switch (c) {
        case EX_NEG: r = -a; break;
        case EX_EXP: r = exp(a); break;
        case EX_LOG: r = log(a); break;
        case EX_SQRT: r = sqrt(a); break;
        case EX_SIN: r = sin(a); break;
        case EX_COS: r = cos(a); break;
        case EX_TANH: r = tanh(a); break;
        case EX_ERF: r = erf(a); break;
        case EX_ABS: r = fabs(a); break;
        case EX_SIGN: r = a > (R)0 ? (R)1 : a < (R)0 ? (R)-1 : a; break;
        default: r = a >= (R)0 ? (R)1 : (R)0; break;
      }
      s[top - 1] = r;
    }
  }
  return s[0];
}
#define NTK_PHI_CONTEXT const REAL *
#define NTK_PHI(f, d, x) ntk_expression(f, d, x)

#define REAL double
#include "ntk_expectations.h"
#undef REAL
#undef NTK_EXPECTATIONS_H
#define REAL float
#include "ntk_expectations.h"
#undef REAL

/* Op codes with each op's layout, generated from the Java side. */
#include "ntk_program_codes.h"

/* Function codes: positions in the header's NTK_EXPECTATION_TABLE (FN_abrelu = 0, ...). */
enum {
#define NTK_CODE(name, call) FN_##name,
  NTK_EXPECTATION_TABLE(NTK_CODE)
#undef NTK_CODE
};

/* Σ′ and Σ̇ of function fn, its constants at k, for the covariance [[q11, q12], [q12, q22]]. */
template <typename R>
NTK_HD inline void expectation(int fn, const R *k, R q11, R q22, R q12, R *sigma, R *dot) {
  switch (fn) {
#define NTK_CASE(name, call) \
  case FN_##name:            \
    NTK_NAME(name) call;     \
    break;
    NTK_EXPECTATION_TABLE(NTK_CASE)
#undef NTK_CASE
  }
}

/*
 * Runs the program on one input with itself (PAIR false: `in` is its q = ‖x‖²/d; stores its
 * variance before nonlinearity m at vars[m·stride]) or on one pair (PAIR true: `in` is
 * q12 = x·x′/d; nonlinearity m reads the two inputs' variances from v1[m·s1] and v2[m·s2], the
 * tables the diagonal run stored, so a pair costs only its cross terms). q and t hold Σ and Θ
 * of every register set; with SETS = 1 every index is a constant and the state stays in
 * registers. Each op mirrors org.ntk4j.kernel.program.ProgramSource statement for statement.
 */
template <typename R, int SETS, bool PAIR>
NTK_HD NTK_NOINLINE void ntk_run(const int *__restrict__ code, int ncode,
    const R *__restrict__ consts, int out, R in, const R *v1, int s1, const R *v2, int s2,
    R *vars, int stride, R *nngp, R *ntk) {
  R q[SETS];
  R t[SETS];
  q[0] = in;
  t[0] = (R)0;
#define SET(r) (SETS == 1 ? 0 : (r))
  int pc = 0;
  int point = 0;
  while (pc < ncode) {
    const int op = NTK_LDG(&code[pc]);
    if (op == OP_AFFINE) {
      const int r = SET(NTK_LDG(&code[pc + 1]));
      const int ntkParam = NTK_LDG(&code[pc + 2]);
      const R *k = &consts[NTK_LDG(&code[pc + 3])];
      const R w2 = k[0], b2 = k[1], nIn = k[2], bias = k[3];
      if (ntkParam) {
        const R s = w2 * q[r] + b2;
        t[r] = s + w2 * t[r];
        q[r] = s;
      } else {
        const R s = q[r];
        t[r] = nIn * s + w2 * t[r] + bias;
        q[r] = w2 * s + b2;
      }
      pc += 4;
    } else if (op == OP_ELEMENTWISE) {
      const int r = SET(NTK_LDG(&code[pc + 1]));
      const int fn = NTK_LDG(&code[pc + 2]);
      const R *k = &consts[NTK_LDG(&code[pc + 3])];
      R q11 = q[r];
      R q22 = q[r];
      if (PAIR) {
        q11 = NTK_LDG(&v1[point * s1]);
        q22 = NTK_LDG(&v2[point * s2]);
      } else {
        vars[point * stride] = q[r];
      }
      point++;
      R e0, e1;
      expectation<R>(fn, k, q11, q22, q[r], &e0, &e1);
      q[r] = e0;
      t[r] = t[r] * e1;
      pc += 4;
    } else if (op == OP_COPY) {
      const int to = SET(NTK_LDG(&code[pc + 1]));
      const int from = SET(NTK_LDG(&code[pc + 2]));
      q[to] = q[from];
      t[to] = t[from];
      pc += 3;
    } else if (op == OP_SUM) {
      const int count = NTK_LDG(&code[pc + 1]);
      const int to = SET(NTK_LDG(&code[pc + 2]));
      for (int b = 1; b < count; b++) {
        const int from = SET(NTK_LDG(&code[pc + 2 + b]));
        q[to] = q[to] + q[from];
        t[to] = t[to] + t[from];
      }
      pc += 2 + count;
    } else if (op == OP_PRODUCT) {
      /* Θ = Σᵢ Θᵢ·Πⱼ≠ᵢ Σⱼ (before Σ changes), then Σ = ΠΣᵢ */
      const int count = NTK_LDG(&code[pc + 1]);
      const int *regs = &code[pc + 2];
      const int to = SET(NTK_LDG(&regs[0]));
      R acc = (R)0;
      for (int i = 0; i < count; i++) {
        R term = t[SET(NTK_LDG(&regs[i]))];
        for (int j = 0; j < count; j++) {
          if (j != i) {
            term = term * q[SET(NTK_LDG(&regs[j]))];
          }
        }
        acc = acc + term;
      }
      t[to] = acc;
      for (int b = 1; b < count; b++) {
        q[to] = q[to] * q[SET(NTK_LDG(&regs[b]))];
      }
      pc += 2 + count;
    } else if (op == OP_WEIGHTED_SUM) { /* scale the first branch, then add the others scaled */
      const int count = NTK_LDG(&code[pc + 1]);
      const int *regs = &code[pc + 2];
      const R *w = &consts[NTK_LDG(&code[pc + 2 + count])];
      const int to = SET(NTK_LDG(&regs[0]));
      q[to] = q[to] * w[0];
      t[to] = t[to] * w[0];
      for (int b = 1; b < count; b++) {
        const int from = SET(NTK_LDG(&regs[b]));
        q[to] = q[to] + w[b] * q[from];
        t[to] = t[to] + w[b] * t[from];
      }
      pc += 3 + count;
    } else { /* not an op: ProgramCodeTest keeps the codes in step with ProgramCode */
      break;
    }
  }
#undef SET
  *nngp = q[SETS == 1 ? 0 : out];
  *ntk = t[SETS == 1 ? 0 : out];
}

/* NTK_DIAG of opencl/ntk_tile.cl: an input with itself, filling its variance table. */
template <typename R, int SETS>
NTK_HD inline void ntk_run_diag(const int *code, int ncode, const R *consts, int out, R q,
    R *nngp, R *ntk, R *vars, int stride) {
  ntk_run<R, SETS, false>(code, ncode, consts, out, q, nullptr, 0, nullptr, 0, vars, stride,
      nngp, ntk);
}

/* NTK_PAIR of opencl/ntk_tile.cl: a pair, from its Gram entry and the two variance tables. */
template <typename R, int SETS>
NTK_HD inline void ntk_run_pair(const int *code, int ncode, const R *consts, int out, R q12,
    const R *v1, int s1, const R *v2, int s2, R *nngp, R *ntk) {
  ntk_run<R, SETS, true>(code, ncode, consts, out, q12, v1, s1, v2, s2, nullptr, 0, nngp,
      ntk);
}

#endif
