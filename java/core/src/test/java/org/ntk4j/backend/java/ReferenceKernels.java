package org.ntk4j.backend.java;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.Dense;
import org.ntk4j.stax.FanInConcat;
import org.ntk4j.stax.FanInProd;
import org.ntk4j.stax.FanInSum;
import org.ntk4j.stax.FanOut;
import org.ntk4j.stax.Identity;
import org.ntk4j.stax.Layer;
import org.ntk4j.stax.LayerVisitor;
import org.ntk4j.stax.Nonlinearity;
import org.ntk4j.stax.Parallel;
import org.ntk4j.stax.Serial;

/**
 * A second, deliberately plain implementation of docs/MATH.md §2–4 for the tests: whole matrices,
 * layer by layer, a loop over every pair, and each nonlinearity's kernel written from its
 * textbook form (read from the layer's spec, not from its fields or its code). The oracle must
 * agree with it to 1e-12.
 */
final class ReferenceKernels {
  private ReferenceKernels() {}

  /** The kernels of one branch: pair matrices, per-row diagonals and the channel count. */
  static final class Branch {
    final double[][] nngp;
    final double[][] ntk;
    final double[] var1;
    final double[] var2;
    final double[] ntk1;
    final double[] ntk2;
    int width;

    Branch(int n1, int n2, int width) {
      nngp = new double[n1][n2];
      ntk = new double[n1][n2];
      var1 = new double[n1];
      var2 = new double[n2];
      ntk1 = new double[n1];
      ntk2 = new double[n2];
      this.width = width;
    }

    Branch copy() {
      Branch c = new Branch(var1.length, var2.length, width);
      for (int i = 0; i < var1.length; i++) {
        c.nngp[i] = nngp[i].clone();
        c.ntk[i] = ntk[i].clone();
      }
      System.arraycopy(var1, 0, c.var1, 0, var1.length);
      System.arraycopy(var2, 0, c.var2, 0, var2.length);
      System.arraycopy(ntk1, 0, c.ntk1, 0, ntk1.length);
      System.arraycopy(ntk2, 0, c.ntk2, 0, ntk2.length);
      return c;
    }

    Matrix nngpMatrix() {
      return toMatrix(nngp);
    }

    Matrix ntkMatrix() {
      return toMatrix(ntk);
    }

    private static Matrix toMatrix(double[][] a) {
      return Matrix.of(a);
    }
  }

  /** NNGP and NTK of {@code x1} against {@code x2} (x2 may be x1 itself). */
  static Branch compute(Architecture architecture, Matrix x1, Matrix x2) {
    int d = x1.cols();
    Branch in = new Branch(x1.rows(), x2.rows(), d);
    for (int i = 0; i < x1.rows(); i++) {
      in.var1[i] = dot(x1.row(i), x1.row(i)) / d;
      for (int j = 0; j < x2.rows(); j++) {
        in.nngp[i][j] = dot(x1.row(i), x2.row(j)) / d;
      }
    }
    for (int j = 0; j < x2.rows(); j++) {
      in.var2[j] = dot(x2.row(j), x2.row(j)) / d;
    }
    List<Branch> out = apply(architecture.root(), List.of(in));
    if (out.size() != 1) {
      throw new IllegalStateException("reference ends in " + out.size() + " branches");
    }
    return out.get(0);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  static List<Branch> apply(Layer layer, List<Branch> in) {
    return layer.accept(APPLY, in);
  }

  /** Each layer kind on whole matrices. */
  private static final LayerVisitor<List<Branch>, List<Branch>> APPLY = new LayerVisitor<>() {
    @Override
    public List<Branch> serial(Serial layer, List<Branch> in) {
      List<Branch> b = in;
      for (Layer l : layer.layers()) {
        b = apply(l, b);
      }
      return b;
    }

    @Override
    public List<Branch> parallel(Parallel layer, List<Branch> in) {
      List<Layer> layers = layer.layers();
      List<Branch> out = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        out.addAll(apply(layers.get(i), List.of(in.get(i))));
      }
      return out;
    }

    @Override
    public List<Branch> fanOut(FanOut layer, List<Branch> in) {
      List<Branch> out = new ArrayList<>();
      for (int i = 0; i < layer.branches(); i++) {
        out.add(in.get(0).copy());
      }
      return out;
    }

    @Override
    public List<Branch> fanInSum(FanInSum layer, List<Branch> in) {
      return List.of(weightedSum(in, false));
    }

    @Override
    public List<Branch> fanInConcat(FanInConcat layer, List<Branch> in) {
      return List.of(weightedSum(in, true));
    }

    @Override
    public List<Branch> fanInProd(FanInProd layer, List<Branch> in) {
      return List.of(product(in));
    }

    @Override
    public List<Branch> identity(Identity layer, List<Branch> in) {
      return in;
    }

    @Override
    public List<Branch> dense(Dense layer, List<Branch> in) {
      return List.of(ReferenceKernels.dense(layer, in.get(0)));
    }

    @Override
    public List<Branch> nonlinearity(Nonlinearity layer, List<Branch> in) {
      return List.of(ReferenceKernels.nonlinearity(layer.spec(), in.get(0)));
    }
  };

  /** FanInSum (weights 1) or FanInConcat (weights nᵢ/Σn, the channel average). */
  private static Branch weightedSum(List<Branch> in, boolean concat) {
    int n1 = in.get(0).var1.length;
    int n2 = in.get(0).var2.length;
    int total = 0;
    for (Branch b : in) {
      total += b.width;
    }
    Branch out = new Branch(n1, n2, concat ? total : in.get(0).width);
    for (Branch b : in) {
      double w = concat ? (double) b.width / total : 1.0;
      for (int i = 0; i < n1; i++) {
        for (int j = 0; j < n2; j++) {
          out.nngp[i][j] += w * b.nngp[i][j];
          out.ntk[i][j] += w * b.ntk[i][j];
        }
        out.var1[i] += w * b.var1[i];
        out.ntk1[i] += w * b.ntk1[i];
      }
      for (int j = 0; j < n2; j++) {
        out.var2[j] += w * b.var2[j];
        out.ntk2[j] += w * b.ntk2[j];
      }
    }
    return out;
  }

  /** FanInProd: Σ = ΠΣᵢ and, by the product rule, Θ = Σᵢ Θᵢ Πⱼ≠ᵢ Σⱼ. */
  private static Branch product(List<Branch> in) {
    int n1 = in.get(0).var1.length;
    int n2 = in.get(0).var2.length;
    Branch out = new Branch(n1, n2, in.get(0).width);
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        double[] k = new double[in.size()];
        double[] t = new double[in.size()];
        for (int b = 0; b < in.size(); b++) {
          k[b] = in.get(b).nngp[i][j];
          t[b] = in.get(b).ntk[i][j];
        }
        out.nngp[i][j] = prod(k, -1);
        out.ntk[i][j] = productRule(k, t);
      }
    }
    for (int i = 0; i < n1; i++) {
      double[] k = new double[in.size()];
      double[] t = new double[in.size()];
      for (int b = 0; b < in.size(); b++) {
        k[b] = in.get(b).var1[i];
        t[b] = in.get(b).ntk1[i];
      }
      out.var1[i] = prod(k, -1);
      out.ntk1[i] = productRule(k, t);
    }
    for (int j = 0; j < n2; j++) {
      double[] k = new double[in.size()];
      double[] t = new double[in.size()];
      for (int b = 0; b < in.size(); b++) {
        k[b] = in.get(b).var2[j];
        t[b] = in.get(b).ntk2[j];
      }
      out.var2[j] = prod(k, -1);
      out.ntk2[j] = productRule(k, t);
    }
    return out;
  }

  private static double prod(double[] k, int skip) {
    double p = 1;
    for (int b = 0; b < k.length; b++) {
      if (b != skip) {
        p *= k[b];
      }
    }
    return p;
  }

  private static double productRule(double[] k, double[] t) {
    double s = 0;
    for (int b = 0; b < k.length; b++) {
      s += t[b] * prod(k, b);
    }
    return s;
  }

  private static Branch dense(Dense layer, Branch in) {
    double w2 = layer.wStd() * layer.wStd();
    double b2 = layer.hasBias() ? layer.bStd() * layer.bStd() : 0.0;
    boolean ntkParam = layer.parameterization() == Dense.Parameterization.NTK;
    int n1 = in.var1.length;
    int n2 = in.var2.length;
    Branch out = new Branch(n1, n2, layer.outDim());
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        double[] r = affine(in.nngp[i][j], in.ntk[i][j], in.width, w2, b2, ntkParam,
            layer.hasBias());
        out.nngp[i][j] = r[0];
        out.ntk[i][j] = r[1];
      }
      double[] r = affine(in.var1[i], in.ntk1[i], in.width, w2, b2, ntkParam, layer.hasBias());
      out.var1[i] = r[0];
      out.ntk1[i] = r[1];
    }
    for (int j = 0; j < n2; j++) {
      double[] r = affine(in.var2[j], in.ntk2[j], in.width, w2, b2, ntkParam, layer.hasBias());
      out.var2[j] = r[0];
      out.ntk2[j] = r[1];
    }
    return out;
  }

  /**
   * Dense: Σ′ = σw²Σ + σb². NTK parameterization Θ′ = Σ′ + σw²Θ; standard parameterization
   * Θ′ = n_in·Σ + σw²Θ + [1 if there is a bias] (neural-tangents' Dense).
   */
  private static double[] affine(double sigma, double theta, int nIn, double w2, double b2,
      boolean ntkParam, boolean bias) {
    double next = w2 * sigma + b2;
    double ntk = ntkParam ? next + w2 * theta : nIn * sigma + w2 * theta + (bias ? 1 : 0);
    return new double[] {next, ntk};
  }

  private static Branch nonlinearity(String spec, Branch in) {
    int n1 = in.var1.length;
    int n2 = in.var2.length;
    Branch out = new Branch(n1, n2, in.width);
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        double[] e = pair(spec, in.var1[i], in.var2[j], in.nngp[i][j]);
        out.nngp[i][j] = e[0];
        out.ntk[i][j] = e[1] * in.ntk[i][j];
      }
      double[] e = pair(spec, in.var1[i], in.var1[i], in.var1[i]);
      out.var1[i] = e[0];
      out.ntk1[i] = e[1] * in.ntk1[i];
    }
    for (int j = 0; j < n2; j++) {
      double[] e = pair(spec, in.var2[j], in.var2[j], in.var2[j]);
      out.var2[j] = e[0];
      out.ntk2[j] = e[1] * in.ntk2[j];
    }
    return out;
  }

  private static final Pattern SPEC = Pattern.compile("(\\w+)\\((.*)\\)");

  /** {Σ′, Σ̇} of the nonlinearity written as {@code spec} at the covariance (q11, q22, q12). */
  static double[] pair(String spec, double q11, double q22, double q12) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(spec);
    }
    String name = m.group(1);
    if (name.equals("elementwise")) {
      return quadrature(m.group(2), q11, q22, q12);
    }
    String args = m.group(2).replace("[", "").replace("]", "");
    double[] p = args.isBlank() ? new double[0]
        : java.util.Arrays.stream(args.split(",")).map(String::trim)
            .mapToDouble(Double::parseDouble).toArray();
    switch (name) {
      case "relu": return abRelu(0, 1, q11, q22, q12);
      case "leakyrelu": return abRelu(p[0], 1, q11, q22, q12);
      case "abrelu": return abRelu(p[0], p[1], q11, q22, q12);
      case "abs": return abRelu(-1, 1, q11, q22, q12);
      case "erf": return erf(p[0], p[1], p[2], q11, q22, q12);
      case "sigmoidlike": return erf(0.5, 1 / 2.4020563531719796, 0.5, q11, q22, q12);
      case "gelu": return gelu(q11, q22, q12);
      case "sin": return sin(p[0], p[1], p[2], q11, q22, q12);
      case "cos": return sin(p[0], p[1], p[2] + Math.PI / 2, q11, q22, q12);
      case "rbf": {
        double k = Math.exp(-p[0] * (q11 + q22 - 2 * q12));
        return new double[] {k, 2 * p[0] * k};
      }
      case "sign": return new double[] {(2 / Math.PI) * Math.asin(cosine(q11, q22, q12)), 0};
      case "monomial": {
        int n = (int) p[0];
        return new double[] {isserlis(n, q11, q22, q12),
            n == 0 ? 0 : n * n * isserlis(n - 1, q11, q22, q12)};
      }
      case "rectifiedmonomial": {
        int n = (int) p[0];
        return new double[] {choSaul(n, q11, q22, q12),
            n == 0 ? 0 : n * n * choSaul(n - 1, q11, q22, q12)};
      }
      case "exp": {
        // E[e^{b(u+v)}] with u + v ~ N(0, q11 + 2q12 + q22)
        double k = p[0] * p[0] * Math.exp(p[1] * p[1] * (q11 + 2 * q12 + q22) / 2);
        return new double[] {k, p[1] * p[1] * k};
      }
      case "gaussian": {
        // a²·E[e^{b(u² + v²)}] = a²/√det(I − 2bΣ); its q12-derivative
        double det = (1 - 2 * p[1] * q11) * (1 - 2 * p[1] * q22)
            - 4 * p[1] * p[1] * q12 * q12;
        double k = p[0] * p[0] / Math.sqrt(det);
        return new double[] {k, k * 4 * p[1] * p[1] * q12 / det};
      }
      case "hermite": {
        int n = (int) p[0];
        return polynomial(hermiteCoefficients(n), q11, q22, q12);
      }
      case "polynomial": return polynomial(p, q11, q22, q12);
      default: throw new IllegalArgumentException("reference does not know " + spec);
    }
  }

  /** Heₙ(x)/√(n!) = √(n!)·Σₘ (−1)ᵐ x^{n−2m}/(m!(n−2m)!2ᵐ), as coefficients of x⁰, x¹, .... */
  private static double[] hermiteCoefficients(int n) {
    double[] c = new double[n + 1];
    for (int m = 0; 2 * m <= n; m++) {
      c[n - 2 * m] = Math.sqrt(factorial(n)) * (m % 2 == 0 ? 1 : -1)
          / (factorial(m) * factorial(n - 2 * m) * Math.pow(2, m));
    }
    return c;
  }

  /**
   * {Σ′, Σ̇} of φ = Σᵢ cᵢxⁱ, term by term: Σᵢⱼ cᵢcⱼE[uⁱvʲ], and the same with φ′'s
   * coefficients (i·cᵢ for x^{i−1}).
   */
  private static double[] polynomial(double[] c, double q11, double q22, double q12) {
    double[] dc = new double[Math.max(c.length - 1, 0)];
    for (int i = 1; i < c.length; i++) {
      dc[i - 1] = i * c[i];
    }
    return new double[] {polynomialPair(c, q11, q22, q12), polynomialPair(dc, q11, q22, q12)};
  }

  private static double polynomialPair(double[] c, double q11, double q22, double q12) {
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        s += c[i] * c[j] * moment(i, j, q11, q22, q12);
      }
    }
    return s;
  }

  /**
   * E[uⁱvʲ] by counting pairings (Isserlis): k cross pairs (each q12), the other i−k factors
   * u paired among themselves ((i−k−1)!! ways, each q11) and likewise for v; i!j!/(k!(i−k)!
   * (j−k)!) ways to choose and match the cross factors.
   */
  private static double moment(int i, int j, double q11, double q22, double q12) {
    double s = 0;
    for (int k = i % 2; k <= Math.min(i, j); k += 2) {
      if ((j - k) % 2 != 0) {
        continue;
      }
      double ways = factorial(i) * factorial(j) / (factorial(k) * factorial(i - k)
          * factorial(j - k)) * doubleFactorial(i - k - 1) * doubleFactorial(j - k - 1);
      s += ways * Math.pow(q12, k) * Math.pow(q11, (i - k) / 2) * Math.pow(q22, (j - k) / 2);
    }
    return s;
  }

  private static final java.util.Map<Integer, org.hipparchus.util.Pair<double[], double[]>>
      RULES = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * neural-tangents' ElementwiseNumerical as written there: (1/π)·Σᵢⱼ wᵢwⱼ·f(√(2q11)·xᵢ)·
   * f(q12/√(q11/2)·xᵢ + √(2(q22 − q12²/q11))·xⱼ) (the square root of a negative rounding
   * error taken as 0, a zero q11 as giving u = 0) with Hipparchus' Gauss–Hermite rule, and φ′
   * by the fourth-order central difference with h = 1e-2 (error ~1e-13 for the smooth φ of
   * the oracle tests).
   */
  private static double[] quadrature(String args, double q11, double q22, double q12) {
    Matcher m = Pattern.compile("\"(.*)\", (\\d+)").matcher(args);
    if (!m.matches()) {
      throw new IllegalArgumentException(args);
    }
    org.ntk4j.stax.Expression phi = org.ntk4j.stax.Expression.parse(m.group(1));
    double h = 1e-2;
    java.util.function.DoubleUnaryOperator dphi = x -> (phi.eval(x - 2 * h)
        - 8 * phi.eval(x - h) + 8 * phi.eval(x + h) - phi.eval(x + 2 * h)) / (12 * h);
    var rule = RULES.computeIfAbsent(Integer.parseInt(m.group(2)),
        n -> new org.hipparchus.analysis.integration.gauss.HermiteRuleFactory().getRule(n));
    double[] x = rule.getFirst();
    double[] w = rule.getSecond();
    double a = q11 == 0 ? 0 : q12 / Math.sqrt(q11 / 2);
    double b = Math.sqrt(Math.max(2 * (q22 - (q11 == 0 ? 0 : q12 * q12 / q11)), 0));
    double sigma = 0;
    double dot = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        double u = Math.sqrt(2 * q11) * x[i];
        double v = a * x[i] + b * x[j];
        sigma += w[i] * w[j] * phi.eval(u) * phi.eval(v);
        dot += w[i] * w[j] * dphi.applyAsDouble(u) * dphi.applyAsDouble(v);
      }
    }
    return new double[] {sigma / Math.PI, dot / Math.PI};
  }

  /** cos θ = q12/√(q11q22), 0 for a zero variance (orthogonal by convention). */
  private static double cosine(double q11, double q22, double q12) {
    double p = q11 * q22;
    return p == 0 ? 0 : Math.max(-1, Math.min(1, q12 / Math.sqrt(p)));
  }

  /** The angle θ between the inputs, by atan2 (acos would lose half the digits near 0). */
  private static double theta(double q11, double q22, double q12) {
    double p = q11 * q22;
    return p == 0 ? Math.PI / 2 : Math.atan2(Math.sqrt(Math.max(p - q12 * q12, 0)), q12);
  }

  /**
   * φ = a·min(x,0) + b·max(x,0) = ((a+b)/2)·x + ((b−a)/2)·|x|; the cross terms vanish by
   * symmetry, E|u||v| = (2/π)(√P sin θ + q12(π/2 − θ)) and E[sign u sign v] = 1 − 2θ/π.
   */
  private static double[] abRelu(double a, double b, double q11, double q22, double q12) {
    double t = theta(q11, q22, q12);
    double even = (a + b) / 2;
    double odd = (b - a) / 2;
    double absAbs = (2 / Math.PI) * (Math.sqrt(q11 * q22) * Math.sin(t)
        + q12 * (Math.PI / 2 - t));
    return new double[] {even * even * q12 + odd * odd * absAbs,
        even * even + odd * odd * (1 - 2 * t / Math.PI)};
  }

  /** Williams 1997 for a·erf(b·x) + c. */
  private static double[] erf(double a, double b, double c, double q11, double q22, double q12) {
    double d11 = 1 + 2 * b * b * q11;
    double d22 = 1 + 2 * b * b * q22;
    double x12 = 2 * b * b * q12;
    double nngp = (2 / Math.PI) * Math.asin(x12 / Math.sqrt(d11 * d22));
    double dot = (4 / Math.PI) * b * b / Math.sqrt(d11 * d22 - x12 * x12);
    return new double[] {a * a * nngp + c * c, a * a * dot};
  }

  /** Tsuchida et al. (arXiv 2002.08517) as transcribed in docs/MATH.md §3. */
  private static double[] gelu(double q11, double q22, double q12) {
    double p = q11 * q22;
    double p1 = (q11 + 1) * (q22 + 1);
    double delta = Math.sqrt(p1 - q12 * q12);
    double t = Math.atan2(q12, delta);
    double nngp = q12 / 4 + ((q12 * q12 + p * delta * delta) / (p1 * delta) + q12 * t)
        / (2 * Math.PI);
    double dot = 0.25 + t / (2 * Math.PI)
        + q12 / (2 * Math.PI * delta) * (1 / (delta * delta) + (1 - p) / p1 + 1);
    return new double[] {nngp, dot};
  }

  /**
   * a·sin(b·x + c): sin·sin = (cos(b(u−v)) − cos(b(u+v) + 2c))/2 and E cos(g) = e^{−Var g/2}
   * for Gaussian g; the derivative's cos·cos has the plus sign.
   */
  private static double[] sin(double a, double b, double c, double q11, double q22,
      double q12) {
    double minus = Math.exp(-b * b * (q11 + q22 - 2 * q12) / 2);
    double plus = Math.exp(-b * b * (q11 + q22 + 2 * q12) / 2) * Math.cos(2 * c);
    return new double[] {a * a * (minus - plus) / 2, a * a * b * b * (minus + plus) / 2};
  }

  /** E[uⁿvⁿ] = Σₖ C(n,k)² k! ((n−k−1)!!)² q12ᵏ P^{(n−k)/2} over k ≡ n (mod 2) (Isserlis). */
  private static double isserlis(int n, double q11, double q22, double q12) {
    double p = q11 * q22;
    double sum = 0;
    for (int k = n % 2; k <= n; k += 2) {
      double c = binomial(n, k);
      double pairs = doubleFactorial(n - k - 1);
      sum += c * c * factorial(k) * pairs * pairs * Math.pow(q12, k) * Math.pow(p, (n - k) / 2);
    }
    return sum;
  }

  /** Cho &amp; Saul 2009: E[max(u,0)ⁿ max(v,0)ⁿ] = P^{n/2} Jₙ(θ)/(2π). */
  private static double choSaul(int n, double q11, double q22, double q12) {
    double t = theta(q11, q22, q12);
    double sin = Math.sin(t);
    double cos = Math.cos(t);
    double j;
    switch (n) {
      case 0: j = Math.PI - t; break;
      case 1: j = sin + (Math.PI - t) * cos; break;
      case 2: j = 3 * sin * cos + (Math.PI - t) * (1 + 2 * cos * cos); break;
      default: throw new IllegalArgumentException("degree " + n);
    }
    return Math.pow(q11 * q22, n / 2.0) * j / (2 * Math.PI);
  }

  private static double binomial(int n, int k) {
    return factorial(n) / (factorial(k) * factorial(n - k));
  }

  private static double factorial(int n) {
    double f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  private static double doubleFactorial(int n) {
    double f = 1;
    for (int i = n; i > 1; i -= 2) {
      f *= i;
    }
    return f;
  }
}
