package org.ntk4j.stax;

import java.util.List;

/**
 * The builder API, with neural-tangents' layer names: {@code serial(dense(512, 1.5, 0.05), relu(),
 * dense(1, 1.5, 0.05))}. Every method returns an immutable {@link Layer}; wrap the root in
 * {@link Architecture#of(Layer)} to check it and compute its kernels.
 */
public final class Stax {
  private Stax() {}

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
