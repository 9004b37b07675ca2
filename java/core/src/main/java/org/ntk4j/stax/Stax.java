package org.ntk4j.stax;

import java.util.List;
import java.util.Locale;

/**
 * Every layer by name: the builder API, with neural-tangents' layer names ({@code
 * serial(dense(512, 1.5, 0.05), relu(), dense(1, 1.5, 0.05))}), and the registry of the text
 * spec ({@link #layerTypes()}), which the spec parser and the docs read. Every method returns
 * an immutable {@link Layer}; wrap the root in {@link Architecture#of(Layer)} to check it and
 * compute its kernels. A new layer is its class, its builder method here and its entry in
 * {@link #TYPES}.
 */
public final class Stax {
  private Stax() {}

  /** The layers of the text spec in the order of the README's table; nonlinearities together. */
  private static final List<LayerType> TYPES = List.of(
      LayerType.of("dense", a -> dense(a.integer("out_dim"), a.number("w_std"),
              a.optionalNumber("b_std"), Dense.Parameterization.valueOf(
                  a.word("parameterization").toUpperCase(Locale.ROOT))),
              Param.required("out_dim"), Param.number("w_std", 1), Param.optional("b_std",
                  "none: no bias"), Param.choice("parameterization", "ntk", "standard"))
          .kernel("Jacot et al. 2018 (NTK param.); Lee et al. 2019 and neural-tangents"
              + " (standard param.)"),
      LayerType.of("relu", a -> relu()).phi("max(x, 0)")
          .kernel("arc-cosine kernel, Cho & Saul 2009; NTK: Jacot et al. 2018")
          .example("relu()"),
      LayerType.of("leakyrelu", a -> leakyRelu(a.number("alpha")), Param.required("alpha"))
          .phi("alpha·x for x < 0, x for x > 0").kernel("as `abrelu(alpha, 1)`")
          .example("leakyrelu(0.1)"),
      LayerType.of("abrelu", a -> abRelu(a.number("a"), a.number("b")), Param.required("a"),
              Param.required("b"))
          .phi("a·x for x < 0, b·x for x > 0").kernel("arc-cosine kernel, Cho & Saul 2009")
          .example("abrelu(-0.4, 0.9)"),
      LayerType.of("abs", a -> abs()).phi("|x|").kernel("as `abrelu(-1, 1)`").example("abs()"),
      LayerType.of("erf", a -> erf(a.number("a"), a.number("b"), a.number("c")),
              Param.number("a", 1), Param.number("b", 1), Param.number("c", 0))
          .phi("a·erf(b·x) + c").kernel("Williams 1997").example("erf(1.2, 0.8, 0.1)"),
      LayerType.of("sigmoidlike", a -> sigmoidLike())
          .phi("½·erf(x / " + Erf.SIGMOID_LIKE_SCALE + ") + ½")
          .kernel("Williams 1997, as neural-tangents' `Sigmoid_like`")
          .example("sigmoidlike()"),
      LayerType.of("gelu", a -> gelu()).phi("x·Φ(x)")
          .kernel("Tsuchida et al. 2020, arXiv:2002.08517").example("gelu()"),
      LayerType.of("sin", a -> sin(a.number("a"), a.number("b"), a.number("c")),
              Param.number("a", 1), Param.number("b", 1), Param.number("c", 0))
          .phi("a·sin(b·x + c)")
          .kernel("Gaussian expectation of sines, as neural-tangents' `Sin`")
          .example("sin(1.1, 0.9, 0.3)"),
      LayerType.of("cos", a -> cos(a.number("a"), a.number("b"), a.number("c")),
              Param.number("a", 1), Param.number("b", 1), Param.number("c", 0))
          .phi("a·cos(b·x + c)").kernel("`sin` with c + π/2").example("cos(0.8, 1.3, -0.2)"),
      LayerType.of("rbf", a -> rbf(a.number("gamma")), Param.number("gamma", 1))
          .phi("√2·sin(√(2·gamma)·x + π/4)")
          .kernel("as neural-tangents' `Rbf` (random Fourier features, Rahimi & Recht 2007)")
          .example("rbf(0.7)"),
      LayerType.of("sign", a -> sign()).phi("sign(x)")
          .kernel("arc-cosine kernel of order 0, Cho & Saul 2009").example("sign()"),
      LayerType.of("monomial", a -> monomial(a.integer("degree")),
              Param.required("degree").withNote("0 to " + Monomial.MAX_DEGREE))
          .phi("x^degree").kernel("Gaussian moments (Isserlis' theorem)")
          .example("monomial(3)"),
      LayerType.of("rectifiedmonomial", a -> rectifiedMonomial(a.integer("degree")),
              Param.required("degree").withNote("0 to " + RectifiedMonomial.MAX_DEGREE))
          .phi("max(x, 0)^degree").kernel("arc-cosine kernel of order degree, Cho & Saul 2009")
          .example("rectifiedmonomial(2)"),
      LayerType.of("exp", a -> exp(a.number("a"), a.number("b")), Param.number("a", 1),
              Param.number("b", 1))
          .phi("a·exp(b·x)")
          .kernel("Gaussian moment generating function, as neural-tangents' `Exp`")
          .example("exp(0.9, 0.6)"),
      LayerType.of("gaussian", a -> gaussian(a.number("a"), a.number("b")),
              Param.number("a", 1), Param.number("b", -1))
          .phi("a·exp(b·x²)")
          .kernel("Gaussian integral 1/√det(I − 2bΣ), as neural-tangents' `Gaussian`")
          .example("gaussian(1.2, -0.7)"),
      LayerType.of("hermite", a -> hermite(a.integer("degree")),
              Param.required("degree").withNote("0 to " + Hermite.MAX_DEGREE))
          .phi("He_degree(x)/√(degree!)")
          .kernel("Mehler's expansion, exact for any variances (neural-tangents' `Hermite`:"
              + " q12^degree, for unit variances)")
          .example("hermite(3)"),
      LayerType.of("polynomial", a -> polynomial(a.numbers("coef")),
              Param.required("coef").withNote("a list [c₀, c₁, …], at most "
                  + Polynomial.MAX_COEFFICIENTS))
          .phi("c₀ + c₁·x + c₂·x² + …")
          .kernel("Hermite expansion (Mehler), as neural-tangents' `Polynomial`")
          .example("polynomial([0.5, 1, -0.3])"),
      LayerType.of("elementwise", a -> elementwise(a.text("fn"), a.integer("deg")),
              Param.required("fn").withNote("an expression in x, quoted"),
              Param.number("deg", ElementwiseNumerical.DEFAULT_DEGREE)
                  .withNote("quadrature points, at most " + ElementwiseNumerical.MAX_DEGREE))
          .phi("fn, e.g. \"tanh(x)\"; φ′ is derived from it")
          .kernel("2-D Gauss–Hermite quadrature, as neural-tangents' `ElementwiseNumerical`")
          .example("elementwise(\"x * erf(x) + 0.5 * sin(2 * x)\", 20)"),
      LayerType.of("identity", a -> identity()).phi("x").kernel("unchanged"),
      LayerType.ofLayers("serial", a -> new Serial(a.layers())).kernel("composition"),
      LayerType.ofLayers("parallel", a -> new Parallel(a.layers()))
          .kernel("branch i through layer i (one layer per branch)"),
      LayerType.of("fanout", a -> fanOut(a.integer("num")), Param.required("num"))
          .kernel("copies the input to `num` branches"),
      LayerType.of("faninsum", a -> fanInSum()).kernel("sum of the branches' kernels"),
      LayerType.of("faninprod", a -> fanInProd())
          .kernel("product of NNGPs; NTK by the product rule"),
      LayerType.of("faninconcat", a -> fanInConcat())
          .kernel("width-weighted average of the branches' kernels"));

  /** Every layer of the text spec (the one list of layer names). */
  public static List<LayerType> layerTypes() {
    return TYPES;
  }

  /** Dense layer in NTK parameterization with a bias of scale {@code bStd}. */
  public static Dense dense(int outDim, double wStd, double bStd) {
    return new Dense(outDim, wStd, bStd, Dense.Parameterization.NTK);
  }

  /** Dense layer in NTK parameterization without a bias. */
  public static Dense dense(int outDim, double wStd) {
    return new Dense(outDim, wStd, null, Dense.Parameterization.NTK);
  }

  public static Dense dense(int outDim, double wStd, Double bStd,
      Dense.Parameterization parameterization) {
    return new Dense(outDim, wStd, bStd, parameterization);
  }

  public static ABRelu relu() {
    return ABRelu.relu();
  }

  public static ABRelu leakyRelu(double alpha) {
    return ABRelu.leakyRelu(alpha);
  }

  public static ABRelu abRelu(double a, double b) {
    return ABRelu.abRelu(a, b);
  }

  public static ABRelu abs() {
    return ABRelu.abs();
  }

  public static Erf erf(double a, double b, double c) {
    return Erf.erf(a, b, c);
  }

  public static Erf erf() {
    return Erf.erf(1, 1, 0);
  }

  public static Erf sigmoidLike() {
    return Erf.sigmoidLike();
  }

  public static Gelu gelu() {
    return new Gelu();
  }

  public static Sin sin(double a, double b, double c) {
    return Sin.sin(a, b, c);
  }

  public static Sin cos(double a, double b, double c) {
    return Sin.cos(a, b, c);
  }

  public static Rbf rbf(double gamma) {
    return new Rbf(gamma);
  }

  public static Sign sign() {
    return new Sign();
  }

  public static Monomial monomial(int degree) {
    return new Monomial(degree);
  }

  public static RectifiedMonomial rectifiedMonomial(int degree) {
    return new RectifiedMonomial(degree);
  }

  public static Exp exp(double a, double b) {
    return new Exp(a, b);
  }

  public static Gaussian gaussian(double a, double b) {
    return new Gaussian(a, b);
  }

  public static Hermite hermite(int degree) {
    return new Hermite(degree);
  }

  /** φ(x) = coef[0] + coef[1]·x + …, coefficients in increasing order. */
  public static Polynomial polynomial(double... coef) {
    return new Polynomial(coef);
  }

  /**
   * φ given as an expression in x, e.g. {@code "tanh(x)"}, its kernels by Gauss–Hermite
   * quadrature with {@code degree} points per dimension.
   */
  public static ElementwiseNumerical elementwise(String fn, int degree) {
    return new ElementwiseNumerical(fn, degree);
  }

  public static ElementwiseNumerical elementwise(String fn) {
    return elementwise(fn, ElementwiseNumerical.DEFAULT_DEGREE);
  }

  public static Identity identity() {
    return new Identity();
  }

  public static Serial serial(Layer... layers) {
    return new Serial(List.of(layers));
  }

  public static Parallel parallel(Layer... layers) {
    return new Parallel(List.of(layers));
  }

  public static FanOut fanOut(int branches) {
    return new FanOut(branches);
  }

  public static FanInSum fanInSum() {
    return new FanInSum();
  }

  public static FanInProd fanInProd() {
    return new FanInProd();
  }

  public static FanInConcat fanInConcat() {
    return new FanInConcat();
  }
}
