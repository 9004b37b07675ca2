// ntk4j's CUDA kernels (cuda/ntk_linalg.cu and cuda/ntk_tile.cu, built from the shared
// opencl/ntk_linalg.cl and opencl/ntk_tile.cl) run on CPU threads through cuda_host_shim.h,
// launched with the grids, blocks and call sequences of the Java host code
// (org.ntk4j.backend.device: DeviceLinearAlgebra, LinearAlgebraKernels, DeviceKernelBackend,
// DeviceTileEngine; CudaTileKernels), and checked against plain loops. Prints one line per
// check; exit status 1 if any failed. For KernelsHostTest.
#include <cstdio>
#include <random>
#include <string>

#include "cuda_host_shim.h"
#include "ntk_linalg.cu"
#include "ntk_tile.cu"

static int failures = 0;

// The exported kernels by element type (the tile kernels of the one-register-set variant).
template <typename T> struct K;
#define KERNELS(T, S)                                                                        \
  template <> struct K<T> {                                                                  \
    static constexpr auto gemm = ntk_gemm_##S;                                               \
    static constexpr auto potrf = ntk_potrf_block_##S;                                       \
    static constexpr auto trsm = ntk_trsm_panel_##S;                                         \
    static constexpr auto zero_upper = ntk_zero_upper_##S;                                   \
    static constexpr auto trsv = ntk_trsv_block_##S;                                         \
    static constexpr auto rotations = ntk_jacobi_rotations_##S;                              \
    static constexpr auto rotate = ntk_jacobi_rotate_##S;                                    \
    static constexpr auto row_norms = ntk_row_norms_##S;                                     \
    static constexpr auto scale = ntk_scale_rows_##S;                                        \
    static constexpr auto norms = ntk_norms_##S##_s1;                                        \
    static constexpr auto diagonal = ntk_diagonal_##S##_s1;                                  \
    static constexpr auto tile = ntk_tile_##S##_s1;                                          \
  };
KERNELS(double, f64)
KERNELS(float, f32)

static void report(const std::string &what, double err, double tol) {
  bool ok = err <= tol && !std::isnan(err);
  if (!ok) failures++;
  std::printf("%s %s: error %.3g (tolerance %.1g)\n", ok ? "ok" : "FAIL", what.c_str(), err, tol);
}

template <typename T>
static std::vector<T> randoms(size_t n, unsigned seed) {
  std::mt19937_64 g(seed);
  std::normal_distribution<double> d;
  std::vector<T> v(n);
  for (auto &x : v) x = (T)d(g);
  return v;
}

static unsigned cdiv(long a, long b) { return (unsigned)((a + b - 1) / b); }
static const char *name(double) { return "f64"; }
static const char *name(float) { return "f32"; }

// LinearAlgebraKernels.gemm: operands as (buffer, element offset, leading dimension)
template <typename T>
static void gemm_launch(int ta, int tb, int m, int n, int k, T alpha, const T *a,
    long long aOff, int lda, const T *b, long long bOff, int ldb, T beta, T *c, long long cOff,
    int ldc, int lower) {
  if (m == 0 || n == 0) return;
  launch({cdiv(n, 64), cdiv(m, 64), 1}, {16, 16, 1}, true, [&] {
    K<T>::gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, lower);
  });
}

template <typename T>
static double max_abs(const std::vector<T> &v) {
  double s = 0;
  for (T x : v) s = std::max(s, std::fabs((double)x));
  return s;
}

template <typename T>
static void check_gemm(double tol) {
  int m = 70, n = 45, k = 37;
  for (int ta = 0; ta < 2; ta++)
    for (int tb = 0; tb < 2; tb++)
      for (int beta0 = 0; beta0 < 2; beta0++) {
        auto a = randoms<T>((size_t)m * k, 1), b = randoms<T>((size_t)k * n, 2);
        auto c = randoms<T>((size_t)m * n, 3);
        auto ref = c;
        T alpha = (T)1.5, beta = beta0 ? (T)0 : (T)0.5;
        // op(A) is m×k: stored m×k (lda k) or k×m (lda m); op(B) k×n likewise
        for (int i = 0; i < m; i++)
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = 0; p < k; p++)
              s += (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
            ref[i * n + j] = (T)(alpha * s + (beta0 ? 0 : (double)beta * c[i * n + j]));
          }
        if (beta0) std::fill(c.begin(), c.end(), (T)NAN);  // beta = 0 must not read C
        gemm_launch<T>(ta, tb, m, n, k, alpha, a.data(), 0, ta ? m : k, b.data(), 0, tb ? k : n,
            beta, c.data(), 0, n, 0);
        double err = 0;
        for (size_t i = 0; i < c.size(); i++) err = std::max(err, std::fabs((double)c[i] - ref[i]));
        report(std::string("gemm ") + name(T()) + " transA=" + std::to_string(ta) + " transB="
            + std::to_string(tb) + (beta0 ? " beta=0" : ""), err / max_abs(ref), tol);
      }
}

template <typename T>
static std::vector<T> spd(int n, unsigned seed) {
  auto g = randoms<T>((size_t)n * n, seed);
  std::vector<T> a((size_t)n * n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int p = 0; p < n; p++) s += (double)g[i * n + p] * g[j * n + p];
      a[i * n + j] = (T)(s / n + (i == j ? 1 : 0));
    }
  return a;
}

// DeviceLinearAlgebra.cholesky (panels of CudaLinearAlgebra.NB = NB); returns the status
template <typename T>
static int cholesky(std::vector<T> &a, int n) {
  std::vector<int> info(1, 0);
  for (int k = 0; k < n; k += NB) {
    int b = std::min(NB, n - k);
    launch({1, 1, 1}, {256, 1, 1}, true, [&] { K<T>::potrf(a.data(), n, k, b, info.data()); });
    int below = n - k - b;
    if (below > 0) {
      launch({cdiv(below, 256), 1, 1}, {256, 1, 1}, true,
          [&] { K<T>::trsm(a.data(), n, n, k, b, info.data()); });
      long long l21 = (long long)(k + b) * n + k;
      gemm_launch<T>(0, 1, below, below, b, (T)-1, a.data(), l21, n, a.data(), l21, n, (T)1,
          a.data(), l21 + b, n, 1);
    }
  }
  launch({cdiv(n, 16), cdiv(n, 16), 1}, {16, 16, 1}, false,
      [&] { K<T>::zero_upper(a.data(), n, n); });
  return info[0];
}

template <typename T>
static void check_cholesky(double tol) {
  int n = 70;
  auto a = spd<T>(n, 4);
  auto l = a;
  for (int i = 0; i < n; i++)  // garbage above the diagonal: only the lower triangle is read
    for (int j = i + 1; j < n; j++) l[i * n + j] = (T)1e30;
  int info = cholesky<T>(l, n);
  double err = 0, upper = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int p = 0; p < n; p++) s += (double)l[i * n + p] * l[j * n + p];
      err = std::max(err, std::fabs(s - a[i * n + j]));
      if (j > i) upper = std::max(upper, std::fabs((double)l[i * n + j]));
    }
  report(std::string("cholesky ") + name(T()) + " L·Lᵀ = A", info != 0 ? 1e9 : err / max_abs(a), tol);
  report(std::string("cholesky ") + name(T()) + " upper triangle zero", upper, 0);
  auto bad = a;
  bad[40 * n + 40] = (T)-5;  // not positive definite at or before pivot 41
  int badInfo = cholesky<T>(bad, n);
  report(std::string("cholesky ") + name(T()) + " indefinite matrix reports its pivot",
      badInfo >= 1 && badInfo <= 41 ? 0 : 1, 0);
}

// DeviceLinearAlgebra.solveTriangular
template <typename T>
static void solve_triangular(const std::vector<T> &t, int n, bool lowerTri, bool trans,
    std::vector<T> &b, int k) {
  bool lower = lowerTri != trans;
  for (int done = 0; done < n; done += NB) {
    int nb = std::min(NB, n - done);
    int k0 = lower ? done : n - done - nb;
    launch({cdiv(k, 256), 1, 1}, {256, 1, 1}, false,
        [&] { K<T>::trsv(t.data(), n, trans, lower, b.data(), k, k, k0, nb); });
    int r0 = lower ? k0 + nb : 0;
    int rows = lower ? n - k0 - nb : k0;
    if (rows > 0) {
      long long op = trans ? (long long)k0 * n + r0 : (long long)r0 * n + k0;
      gemm_launch<T>(trans, 0, rows, k, nb, (T)-1, t.data(), op, n, b.data(),
          (long long)k0 * k, k, (T)1, b.data(), (long long)r0 * k, k, 0);
    }
  }
}

template <typename T>
static void check_triangular(double tol) {
  int n = 70, k = 5;
  auto l = spd<T>(n, 5);
  cholesky<T>(l, n);
  for (int lowerTri = 0; lowerTri < 2; lowerTri++)
    for (int trans = 0; trans < 2; trans++) {
      std::vector<T> t((size_t)n * n);  // the chosen triangle, garbage in the other
      for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
          T v = lowerTri ? l[i * n + j] : l[j * n + i];
          bool inside = lowerTri ? j <= i : j >= i;
          t[i * n + j] = inside ? v : (T)1e30;
        }
      auto b = randoms<T>((size_t)n * k, 6);
      auto x = b;
      solve_triangular<T>(t, n, lowerTri, trans, x, k);
      double err = 0;
      for (int i = 0; i < n; i++)
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int p = 0; p < n; p++) {
            bool inside = lowerTri ? (trans ? i <= p : p <= i) : (trans ? p <= i : i <= p);
            if (inside) s += (double)(trans ? t[p * n + i] : t[i * n + p]) * x[p * k + c];
          }
          err = std::max(err, std::fabs(s - b[i * k + c]));
        }
      report(std::string("triangular solve ") + name(T()) + (lowerTri ? " lower" : " upper")
          + (trans ? " transposed" : ""), err / max_abs(b), tol);
    }
}

// DeviceLinearAlgebra.eigh (before sorting); returns the sweeps
template <typename T>
static int jacobi(std::vector<T> &a, std::vector<T> &vt, int n, double tol) {
  int m = n + (n & 1), pairs = m / 2;
  std::vector<int> pq(2 * pairs);
  std::vector<T> cs(2 * pairs), sums(2 * n);
  for (int sweep = 0; sweep < 40; sweep++) {
    for (int step = 0; step < m - 1; step++) {
      launch({cdiv(pairs, 256), 1, 1}, {256, 1, 1}, false,
          [&] { K<T>::rotations(a.data(), n, m, step, pq.data(), cs.data()); });
      // Grid.independent(n, pairs) and (pairs, n): 16 × 16 blocks
      dim3 byRows{cdiv(n, 16), cdiv(pairs, 16), 1}, byColumns{cdiv(pairs, 16), cdiv(n, 16), 1};
      launch(byRows, {16, 16, 1}, false,
          [&] { K<T>::rotate(a.data(), n, pairs, pq.data(), cs.data(), 0); });
      launch(byRows, {16, 16, 1}, false,
          [&] { K<T>::rotate(vt.data(), n, pairs, pq.data(), cs.data(), 0); });
      launch(byColumns, {16, 16, 1}, false,
          [&] { K<T>::rotate(a.data(), n, pairs, pq.data(), cs.data(), 1); });
    }
    launch({cdiv(n, 256), 1, 1}, {256, 1, 1}, false,
        [&] { K<T>::row_norms(a.data(), n, sums.data()); });
    double off = 0, diag = 0;
    for (int i = 0; i < n; i++) {
      off += sums[2 * i];
      diag += sums[2 * i + 1];
    }
    if (off <= tol * tol * (off + diag)) return sweep + 1;
  }
  return 40;
}

template <typename T>
static void check_eigh(double tol, double stop) {
  for (int n : {21, 40}) {
    auto a0 = randoms<T>((size_t)n * n, 7);
    for (int i = 0; i < n; i++)
      for (int j = 0; j < i; j++) a0[j * n + i] = a0[i * n + j];
    auto a = a0;
    std::vector<T> vt((size_t)n * n, (T)0);
    for (int i = 0; i < n; i++) vt[i * n + i] = 1;
    int sweeps = jacobi<T>(a, vt, n, stop);
    // A·v_i = λ_i·v_i with v_i = row i of Vᵀ, λ_i = D[i][i]; Vᵀ orthonormal
    double err = 0, orth = 0;
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < n; r++) {
        double s = 0;
        for (int p = 0; p < n; p++) s += (double)a0[r * n + p] * vt[i * n + p];
        err = std::max(err, std::fabs(s - (double)a[i * n + i] * vt[i * n + r]));
      }
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < n; p++) s += (double)vt[i * n + p] * vt[j * n + p];
        orth = std::max(orth, std::fabs(s - (i == j ? 1 : 0)));
      }
    }
    std::string what = std::string("jacobi eigh ") + name(T()) + " n=" + std::to_string(n)
        + " (" + std::to_string(sweeps) + " sweeps)";
    report(what + " A·v = λ·v", sweeps >= 40 ? 1e9 : err / max_abs(a0), tol);
    report(what + " orthonormal", orth, tol);
  }
}

template <typename T>
static void check_scale_rows() {
  int r = 9, k = 4, times = 3;
  auto rm = randoms<T>((size_t)r * k, 8), f = randoms<T>((size_t)times * r, 9);
  std::vector<T> out((size_t)r * times * k);
  launch({cdiv((long)r * times * k, 256), 1, 1}, {256, 1, 1}, false,
      [&] { K<T>::scale(rm.data(), f.data(), r, k, times, out.data()); });
  double err = 0;
  for (int i = 0; i < r; i++)
    for (int t = 0; t < times; t++)
      for (int j = 0; j < k; j++)
        err = std::max(err, std::fabs((double)out[(size_t)i * times * k + t * k + j]
            - (double)(T)(f[t * r + i] * rm[i * k + j])));
  report(std::string("scale_rows ") + name(T()), err, 0);
}

// DeviceKernelBackend + DeviceTileEngine with CudaTileKernels on a depth-2 ReLU net
// (ProgramCode's encoding): norms, the diagonal filling the variance tables, then the tiles
template <typename T>
static void check_tiles(bool symmetric, int edge) {
  int n1 = 70, n2 = symmetric ? 70 : 45, d = 37;
  auto x1 = randoms<T>((size_t)n1 * d, 10);
  for (int k = 0; k < d; k++) x1[3 * d + k] = 0;  // a zero-norm row
  auto x2 = symmetric ? x1 : randoms<T>((size_t)n2 * d, 11);
  std::vector<int> code = {OP_AFFINE, 0, 1, 0, OP_ELEMENTWISE, 0, FN_abrelu, 4,
                           OP_AFFINE, 0, 1, 0, OP_ELEMENTWISE, 0, FN_abrelu, 4,
                           OP_AFFINE, 0, 1, 0};
  int ncode = (int)code.size(), points = 2;
  std::vector<T> consts = {(T)2.25, (T)0.0025, (T)d, (T)1, (T)0, (T)1};
  T inv_d = (T)(1.0 / d);
  // One side: q = ‖x‖²/d (STRIDE(n) long), its variance tables, its diagonal kernels.
  auto side = [&](const std::vector<T> &x, int n, std::vector<T> &q, std::vector<T> &vars,
                  std::vector<T> &dn, std::vector<T> &dt) {
    int stride = STRIDE(n);
    q.assign(stride, (T)0);
    vars.assign((size_t)points * stride, (T)NAN);
    dn.assign(n, (T)0);
    dt.assign(n, (T)0);
    launch({cdiv(n, 256), 1, 1}, {256, 1, 1}, false,
        [&] { K<T>::norms(x.data(), n, d, inv_d, q.data()); });
    launch({cdiv(n, 256), 1, 1}, {256, 1, 1}, false, [&] {
      K<T>::diagonal(q.data(), n, dn.data(), dt.data(), vars.data(), stride, code.data(), ncode,
          consts.data(), 0);
    });
  };
  std::vector<T> q1, v1, dn1, dt1, q2, v2, dn2, dt2;
  side(x1, n1, q1, v1, dn1, dt1);
  side(x2, n2, q2, v2, dn2, dt2);
  std::vector<T> nngp((size_t)n1 * n2, (T)NAN), ntk((size_t)n1 * n2, (T)NAN);
  std::vector<T> bn((size_t)edge * edge), bt((size_t)edge * edge);
  for (int r0 = 0; r0 < n1; r0 += edge)  // TileGrid: upper triangle only when symmetric
    for (int c0 = symmetric ? r0 : 0; c0 < n2; c0 += edge) {
      int rows = std::min(edge, n1 - r0), cols = std::min(edge, n2 - c0);
      launch({cdiv(cols, 64), cdiv(rows, 64), 1}, {16, 16, 1}, true, [&] {
        K<T>::tile(x1.data(), x2.data(), n1, n2, d, r0, c0, rows, cols, v1.data(), v2.data(),
            symmetric, inv_d, bn.data(), bt.data(), code.data(), ncode, consts.data(), 0);
      });
      for (int i = 0; i < rows; i++)  // MatrixSink
        for (int j = (symmetric && r0 == c0) ? i : 0; j < cols; j++) {
          nngp[(size_t)(r0 + i) * n2 + c0 + j] = bn[(size_t)i * cols + j];
          ntk[(size_t)(r0 + i) * n2 + c0 + j] = bt[(size_t)i * cols + j];
          if (symmetric) {
            nngp[(size_t)(c0 + j) * n2 + r0 + i] = bn[(size_t)i * cols + j];
            ntk[(size_t)(c0 + j) * n2 + r0 + i] = bt[(size_t)i * cols + j];
          }
        }
    }
  // Reference: each input's norm and variances on the host (fma chains in order), then the
  // pair program on the Gram entry.
  auto host_side = [&](const std::vector<T> &x, int i, std::vector<T> &vars) {
    T q = 0;
    for (int k = 0; k < d; k++) q = std::fma(x[i * d + k], x[i * d + k], q);
    T k_, t_;
    ntk_run_diag<T, 1>(code.data(), ncode, consts.data(), 0, q * inv_d, &k_, &t_, vars.data(), 1);
  };
  double err = 0, scale = 0, diagErr = 0;
  std::vector<T> r1(points), r2(points);
  for (int i = 0; i < n1; i++)
    for (int j = 0; j < n2; j++) {
      T g = 0;
      for (int k = 0; k < d; k++) g = std::fma(x1[i * d + k], x2[j * d + k], g);
      host_side(x1, i, r1);
      host_side(x2, j, r2);
      T rn, rt;
      ntk_run_pair<T, 1>(code.data(), ncode, consts.data(), 0, g * inv_d, r1.data(), 1,
          r2.data(), 1, &rn, &rt);
      err = std::max({err, std::fabs((double)nngp[i * n2 + j] - rn),
          std::fabs((double)ntk[i * n2 + j] - rt)});
      scale = std::max({scale, std::fabs((double)rn), std::fabs((double)rt)});
      if (symmetric && i == j) {
        diagErr = std::max({diagErr, std::fabs((double)nngp[i * n2 + i] - dn1[i]),
            std::fabs((double)ntk[i * n2 + i] - dt1[i])});
      }
    }
  std::string what = std::string("tiles ") + name(T()) + (symmetric ? " symmetric" : " rectangular")
      + " edge " + std::to_string(edge);
  report(what, err / scale, 0);  // the same operations in the same order: bit for bit
  if (symmetric) report(what + ": pair (x, x) equals the diagonal kernel", diagErr, 0);
}

int main() {
  check_gemm<double>(1e-13);
  check_gemm<float>(1e-5);
  check_cholesky<double>(1e-13);
  check_cholesky<float>(1e-5);
  check_triangular<double>(1e-12);
  check_triangular<float>(1e-4);
  check_eigh<double>(1e-12, 1e-14);
  check_eigh<float>(1e-4, 1e-6);
  check_scale_rows<double>();
  check_scale_rows<float>();
  for (int edge : {32, 64, 128}) {
    check_tiles<double>(true, edge);
    check_tiles<double>(false, edge);
    check_tiles<float>(true, edge);
    check_tiles<float>(false, edge);
  }
  std::printf("%d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
