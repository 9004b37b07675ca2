/*
 * Gaussian expectations of every closed-form nonlinearity, written ONCE for all device backends
 * (OpenCL includes this text before its kernels; CUDA #includes it). Each function mirrors the
 * float64 oracle in org.ntk4j.stax (docs/MATH.md) operation for operation, so float64 results
 * agree with it to rounding.
 *
 * The includer defines REAL (float or double, or an OpenCL vector such as double8: every
 * operation here is elementwise) and may define NTK_FN (function qualifiers, e.g.
 * "static __device__ __forceinline__" for CUDA), NTK_NAME(x) (the function names; ntk_x by
 * default, so one program can hold a scalar and a vector copy), and for array arguments
 * NTK_SCALAR (their element type; REAL by default) and NTK_CONSTANT (their address space:
 * __constant in OpenCL, none by default). For a pair with covariance [[q11, q12], [q12, q22]]
 * each ntk_<name> writes Σ′ = E[φ(u)φ(v)] to *sigma and Σ̇ = E[φ′(u)φ′(v)] to *dot. The
 * diagonal (an input with itself) is the same call at (q, q, q), as in the oracle, so a pair
 * (x, x) and the diagonal entry of x agree bit for bit.
 */
#ifndef NTK_EXPECTATIONS_H
#define NTK_EXPECTATIONS_H

#ifndef NTK_FN
#define NTK_FN static inline
#endif

#ifndef NTK_NAME
#define NTK_NAME(x) ntk_##x
#endif

#ifndef NTK_SCALAR
#define NTK_SCALAR REAL
#endif

#ifndef NTK_CONSTANT
#define NTK_CONSTANT
#endif

#define NTK_PI ((REAL)3.14159265358979323846)

/*
 * NTK_ANY(c): whether c holds in any lane; the includer of a vector REAL defines it (OpenCL:
 * any(c)). The rare paths below run only when some lane needs them, and compute every lane as
 * that lane alone decides, so a result never depends on its neighbours.
 */
#ifndef NTK_ANY
#define NTK_ANY(c) (c)
#endif

/* q11·q22 too close to either end of the range to be formed as it is (float32's included). */
#define NTK_EDGE_PRODUCT(p) (!((p) > (REAL)0x1p-60 && (p) < (REAL)0x1p60))

/*
 * s = √max(q11·q22 − q12², 0): directly where q11·q22 is far from the ends of the range; else
 * with the three scaled by 1/m, m = max(q11, q22), first, so the products neither overflow nor
 * underflow for finite variances. An input with itself (q11 = q22 = q12) gets exactly 0 either
 * way (equal values scale to equal values).
 */
NTK_FN REAL NTK_NAME(sine)(REAL q11, REAL q22, REAL q12) {
  REAL p = q11 * q22;
  REAL s = sqrt(fmax(p - q12 * q12, (REAL)0));
  if (NTK_ANY(NTK_EDGE_PRODUCT(p))) {
    REAL m = fmax(q11, q22);
    REAL r = m > (REAL)0 ? (REAL)1 / m : (REAL)0;
    REAL a = q11 * r;
    REAL b = q22 * r;
    REAL c = q12 * r;
    s = NTK_EDGE_PRODUCT(p) ? m * sqrt(fmax(a * b - c * c, (REAL)0)) : s;
  }
  return s;
}

/*
 * √(a + q11·q22 − q12²) for a ≥ 0: the roots of the erf and gelu determinants
 * (1 + u11)(1 + u22) − u12² = 1 + u11 + u22 + (u11·u22 − u12²), a sum of non-negative terms
 * that does not cancel for large u (callers add u11 + u22 first, so that it is symmetric in
 * the inputs bit for bit). At the ends of the range: as √(a + s²), s = sine(q11, q22, q12),
 * without an overflowing s².
 */
NTK_FN REAL NTK_NAME(root_plus_det)(REAL a, REAL q11, REAL q22, REAL q12) {
  REAL p = q11 * q22;
  REAL root = sqrt(a + fmax(p - q12 * q12, (REAL)0));
  if (NTK_ANY(NTK_EDGE_PRODUCT(p))) {
    REAL s = NTK_NAME(sine)(q11, q22, q12);
    REAL sum = a + s * s;
    REAL far = isinf(sum) ? s * sqrt(1 + a / s / s) : sqrt(sum);
    root = NTK_EDGE_PRODUCT(p) ? far : root;
  }
  return root;
}

/* θ = atan2(s, q12) for s = sine(q11, q22, q12), π/2 at 0/0. */
NTK_FN REAL NTK_NAME(angle_of)(REAL s, REAL q12) {
  return (s == (REAL)0 && q12 == (REAL)0) ? NTK_PI / 2 : atan2(s, q12);
}

/* The angle between the inputs. */
NTK_FN REAL NTK_NAME(angle)(REAL q11, REAL q22, REAL q12) {
  return NTK_NAME(angle_of)(NTK_NAME(sine)(q11, q22, q12), q12);
}

/* φ = a·min(x,0) + b·max(x,0), arc-cosine kernel (Cho & Saul 2009). */
NTK_FN void NTK_NAME(abrelu)(REAL a, REAL b, REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  REAL s = NTK_NAME(sine)(q11, q22, q12);
  REAL theta = NTK_NAME(angle_of)(s, q12);
  REAL d2 = (a - b) * (a - b);
  REAL sd = (a * a + b * b) / 2 - d2 * theta / (2 * NTK_PI);
  *sigma = d2 * s / (2 * NTK_PI) + sd * q12;
  *dot = sd;
}

/* φ = a·erf(b·x) + c (Williams 1997), asin written as atan2. */
NTK_FN void NTK_NAME(erf)(REAL a, REAL b, REAL c, REAL q11, REAL q22, REAL q12, REAL *sigma,
    REAL *dot) {
  REAL b2 = b * b;
  REAL u11 = 2 * b2 * q11;
  REAL u22 = 2 * b2 * q22;
  REAL u12 = 2 * b2 * q12;
  /* √((1 + u11)(1 + u22) − u12²) without the product form's cancellation */
  REAL root = NTK_NAME(root_plus_det)(1 + (u11 + u22), u11, u22, u12);
  *sigma = a * a * (2 / NTK_PI) * atan2(u12, root) + c * c;
  *dot = a * a * b2 * (4 / NTK_PI) / root;
}

/*
 * φ = x·Φ(x) (Tsuchida et al., arXiv 2002.08517), with Δ = √(1 + q11 + q22 + (P − q12²)) and bounded
 * ratios only: P/P₁ = (q11·g11)(q22·g22), q12²/P₁ = (q12·g11)(q12·g22), 1/P₁ = g11·g22.
 */
NTK_FN void NTK_NAME(gelu)(REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  REAL delta = NTK_NAME(root_plus_det)(1 + (q11 + q22), q11, q22, q12);
  REAL theta = atan2(q12, delta);
  REAL g11 = 1 / (q11 + 1);
  REAL g22 = 1 / (q22 + 1);
  REAL ratio = (q11 * g11) * (q22 * g22);
  REAL cross = (q12 * g11) * (q12 * g22);
  *sigma = q12 / 4 + (cross / delta + ratio * delta + q12 * theta) / (2 * NTK_PI);
  *dot = (REAL)0.25 + theta / (2 * NTK_PI)
      + q12 / (2 * NTK_PI * delta) * (1 / (delta * delta) + (g11 * g22 - ratio) + 1);
}

/* φ = a·sin(b·x + phase); cos is sin with phase + π/2. */
NTK_FN void NTK_NAME(sin)(REAL a, REAL b, REAL phase, REAL q11, REAL q22, REAL q12, REAL *sigma,
    REAL *dot) {
  REAL b2 = b * b;
  REAL mid = (q11 + q22) / 2;
  REAL s1 = exp(b2 * (q12 - mid));
  REAL s2 = exp(-b2 * (q12 + mid)) * cos(2 * phase);
  *sigma = a * a * (s1 - s2) / 2;
  *dot = a * a * b2 * (s1 + s2) / 2;
}

/* φ = √2·sin(√(2γ)·x + π/4): the RBF kernel. */
NTK_FN void NTK_NAME(rbf)(REAL gamma, REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  REAL k = exp(-gamma * (q11 + q22 - 2 * q12));
  *sigma = k;
  *dot = 2 * gamma * k;
}

/* φ = sign(x): Σ′ = 1 − 2θ/π, Σ̇ = 0. */
NTK_FN void NTK_NAME(sign)(REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  *sigma = 1 - 2 * NTK_NAME(angle)(q11, q22, q12) / NTK_PI;
  *dot = (REAL)0;
}

/* E[u^d v^d] by Isserlis' theorem, d ≤ 5. */
NTK_FN REAL NTK_NAME(moment)(int d, REAL q11, REAL q22, REAL q12) {
  REAL p = q11 * q22;
  REAL r = q12;
  REAL r2 = r * r;
  switch (d) {
    case 0: return (REAL)1;
    case 1: return r;
    case 2: return 2 * r2 + p;
    case 3: return 6 * r2 * r + 9 * r * p;
    case 4: return 3 * (8 * r2 * r2 + 3 * p * (8 * r2 + p));
    default: return 15 * r * (8 * r2 * r2 + 5 * p * (8 * r2 + 3 * p));
  }
}
NTK_FN void NTK_NAME(monomial)(int d, REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  *sigma = NTK_NAME(moment)(d, q11, q22, q12);
  *dot = d == 0 ? (REAL)0 : d * d * NTK_NAME(moment)(d - 1, q11, q22, q12);
}

/* P^{d/2}·J_d(θ)/(2π) with s = √P·sin θ, q12 = √P·cos θ (Cho & Saul 2009), d ≤ 2. */
NTK_FN REAL NTK_NAME(arccos)(int d, REAL s, REAL q12, REAL p, REAL theta) {
  REAL rest = NTK_PI - theta;
  switch (d) {
    case 0: return rest / (2 * NTK_PI);
    case 1: return (s + rest * q12) / (2 * NTK_PI);
    default: return (3 * s * q12 + rest * (p + 2 * q12 * q12)) / (2 * NTK_PI);
  }
}
NTK_FN void NTK_NAME(rectmonomial)(int d, REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  REAL p = q11 * q22;
  REAL s = NTK_NAME(sine)(q11, q22, q12);
  REAL theta = NTK_NAME(angle_of)(s, q12);
  *sigma = NTK_NAME(arccos)(d, s, q12, p, theta);
  *dot = d == 0 ? (REAL)0 : d * d * NTK_NAME(arccos)(d - 1, s, q12, p, theta);
}

/* φ = a·exp(b·x) (neural-tangents' Exp): the moment generating function of u + v. */
NTK_FN void NTK_NAME(exp)(REAL a, REAL b, REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  REAL b2 = b * b;
  REAL k = a * a * exp(b2 * ((q11 + q22) / 2 + q12));
  *sigma = k;
  *dot = b2 * k;
}

/* φ = a·exp(b·x²) (neural-tangents' Gaussian): a²/√det(I − 2bΣ), +∞ where that diverges. */
NTK_FN void NTK_NAME(gaussian)(REAL a, REAL b, REAL q11, REAL q22, REAL q12, REAL *sigma,
    REAL *dot) {
  REAL d11 = 1 - 2 * b * q11;
  REAL d22 = 1 - 2 * b * q22;
  REAL f = 4 * b * b;
  REAL det = d11 > (REAL)0 && d22 > (REAL)0 ? sqrt(fmax(d11 * d22 - f * q12 * q12, (REAL)0))
      : (REAL)0;
  *sigma = a * a / det;
  *dot = a * a * f * q12 / (det * det * det);
}

/* φ = Heₙ(x)/√(n!) (neural-tangents' Hermite), exact for any variances: Σₖ n!/(k!²(n−2k)!)·
 * Aᵏ·q12^{n−2k}, A = (q11 − 1)(q22 − 1)/4, by a homogeneous Horner scheme in (q12², A). */
NTK_FN REAL NTK_NAME(hermite_sum)(int n, REAL q11, REAL q22, REAL q12) {
  REAL r2 = q12 * q12;
  REAL a = (q11 - 1) * (q22 - 1) / 4;
  REAL c = (REAL)1;
  REAL ak = (REAL)1;
  REAL h = (REAL)1;
  for (int k = 1; k <= n / 2; k++) {
    c = c * ((n - 2 * k + 2) * (n - 2 * k + 1)) / (k * k);
    ak = ak * a;
    h = h * r2 + c * ak;
  }
  return n % 2 == 1 ? q12 * h : h;
}
NTK_FN void NTK_NAME(hermite)(int n, REAL q11, REAL q22, REAL q12, REAL *sigma, REAL *dot) {
  *sigma = NTK_NAME(hermite_sum)(n, q11, q22, q12);
  *dot = n == 0 ? (REAL)0 : n * NTK_NAME(hermite_sum)(n - 1, q11, q22, q12);
}

/* tₗ(q) = Σᵢ c_{l+2i}·(l+2i)!/(2ⁱi!)·qⁱ over l + 2i < n: the polynomial's Hermite expansion. */
NTK_FN REAL NTK_NAME(hermite_coefficient)(int n, NTK_CONSTANT const NTK_SCALAR *c, int l,
    REAL q) {
  REAL w = (REAL)1;
  for (int j = 2; j <= l; j++) {
    w = w * j;
  }
  REAL t = (REAL)0;
  REAL power = (REAL)1;
  for (int i = 0; l + 2 * i < n; i++) {
    if (i > 0) {
      w = w * ((l + 2 * i) * (l + 2 * i - 1)) / (2 * i);
      power = power * q;
    }
    t = t + c[l + 2 * i] * w * power;
  }
  return t;
}
/* φ = c₀ + c₁x + … + cₙ₋₁xⁿ⁻¹ (neural-tangents' Polynomial): Σₗ q12ˡ·tₗ(q11)·tₗ(q22)/l!. */
NTK_FN void NTK_NAME(polynomial)(int n, NTK_CONSTANT const NTK_SCALAR *c, REAL q11, REAL q22,
    REAL q12, REAL *sigma, REAL *dot) {
  REAL s = (REAL)0;
  REAL d = (REAL)0;
  REAL power = (REAL)1;
  REAL previous = (REAL)0;
  REAL factorial = (REAL)1;
  for (int l = 0; l < n; l++) {
    if (l > 0) {
      factorial = factorial * l;
      previous = power;
      power = power * q12;
    }
    REAL u = NTK_NAME(hermite_coefficient)(n, c, l, q11)
        * NTK_NAME(hermite_coefficient)(n, c, l, q22) / factorial;
    s = s + power * u;
    d = d + l * previous * u;
  }
  *sigma = s;
  *dot = d;
}

#ifdef NTK_PHI
/*
 * A user's φ (neural-tangents' ElementwiseNumerical): E[φ(u)φ(v)] and E[φ′(u)φ′(v)] by 2-D
 * Gauss–Hermite quadrature over m nodes (√2 times Hermite's) and weights (over √π):
 * u = √q·xᵢ for the larger variance q, v = a·xᵢ + b·xⱼ with a = q12/√q, b = √(q′ − a²) for the
 * other, q′. The includer defines NTK_PHI_CONTEXT (what selects φ) and NTK_PHI(f, d, x), φ
 * (d = 0) or φ′ (d = 1) at x: generated C functions in OpenCL, the expression evaluator in CUDA.
 */
NTK_FN void NTK_NAME(quadrature)(int m, NTK_CONSTANT const NTK_SCALAR *node,
    NTK_CONSTANT const NTK_SCALAR *weight, NTK_PHI_CONTEXT f, REAL q11, REAL q22, REAL q12,
    REAL *sigma, REAL *dot) {
  REAL root = sqrt(fmax(q11, q22));
  REAL a = root > (REAL)0 ? q12 / root : (REAL)0;
  REAL b = sqrt(fmax(fmin(q11, q22) - a * a, (REAL)0));
  REAL s = (REAL)0;
  REAL t = (REAL)0;
  for (int i = 0; i < m; i++) {
    REAL u = root * node[i];
    REAL si = (REAL)0;
    REAL ti = (REAL)0;
    for (int j = 0; j < m; j++) {
      REAL v = a * node[i] + b * node[j];
      si = si + weight[j] * NTK_PHI(f, 0, v);
      ti = ti + weight[j] * NTK_PHI(f, 1, v);
    }
    s = s + weight[i] * NTK_PHI(f, 0, u) * si;
    t = t + weight[i] * NTK_PHI(f, 1, u) * ti;
  }
  *sigma = s;
  *dot = t;
}
#endif

/*
 * The functions above as the CUDA interpreter calls them (cuda/ntk_program.cuh), one entry
 * X(name, (arguments)) per function: its constants come from k[], laid out in the order of the
 * Java side's arguments (org.ntk4j.stax.ExpectationFunction; integers stored as reals), and
 * NTK_Q stands for the rest, (q11, q22, q12, sigma, dot). A function's code is its position in
 * this table, which the CUDA host (org.ntk4j.backend.cuda.ProgramCode) reads from here.
 */
#define NTK_Q q11, q22, q12, sigma, dot
#define NTK_EXPECTATION_TABLE(X) \
  X(abrelu, (k[0], k[1], NTK_Q)) \
  X(erf, (k[0], k[1], k[2], NTK_Q)) \
  X(gelu, (NTK_Q)) \
  X(sin, (k[0], k[1], k[2], NTK_Q)) \
  X(rbf, (k[0], NTK_Q)) \
  X(sign, (NTK_Q)) \
  X(monomial, ((int)k[0], NTK_Q)) \
  X(rectmonomial, ((int)k[0], NTK_Q)) \
  X(exp, (k[0], k[1], NTK_Q)) \
  X(gaussian, (k[0], k[1], NTK_Q)) \
  X(hermite, ((int)k[0], NTK_Q)) \
  X(polynomial, ((int)k[0], k + 1, NTK_Q)) \
  X(quadrature, ((int)k[0], k + 1, k + 1 + (int)k[0], k + 1 + 2 * (int)k[0], NTK_Q))

#endif
