package org.ntk4j.kernel.program;

import java.util.List;
import org.ntk4j.stax.Nonlinearity;

/**
 * One straight-line step of a {@link KernelProgram}. Each step reads and writes register sets;
 * a register set r holds q12, q11, q22 (NNGP and the two variances) and Θ12, Θ11, Θ22 (NTK and
 * its diagonals) of one branch for one pair of inputs.
 */
public sealed interface Op {

  /** Calls the visitor's method for this kind of op. */
  <R> R accept(Visitor<R> visitor);

  /** The nonlinearity this step applies (a Gaussian expectation per pair), or null. */
  default Nonlinearity nonlinearity() {
    return null;
  }

  /** A pass over the ops (code generation, encoding): one method per kind. */
  interface Visitor<R> {
    R affine(Affine op);

    R elementwise(Elementwise op);

    R copy(Copy op);

    R sum(Sum op);

    R product(Product op);

    R weightedSum(WeightedSum op);
  }

  /**
   * Dense layer (docs/MATH.md §2): Σ′ = w2·Σ + b2. NTK parameterization: Θ′ = Σ′ + w2·Θ; standard:
   * Θ′ = nIn·Σ + w2·Θ + bias, where {@code bias} is 1 when the layer has a bias, else 0.
   */
  record Affine(int reg, double w2, double b2, boolean ntkParameterization, double nIn,
      double bias) implements Op {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.affine(this);
    }
  }

  /** A nonlinearity: Σ′ = E[φφ], Θ′ = Θ·E[φ′φ′]; variances and Θ diagonals likewise. */
  record Elementwise(int reg, Nonlinearity nonlinearity) implements Op {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.elementwise(this);
    }
  }

  /** FanOut: register set {@code to} becomes a copy of {@code from}. */
  record Copy(int to, int from) implements Op {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.copy(this);
    }
  }

  /** FanInSum: {@code regs[0]} += every other register set, in order. */
  record Sum(List<Integer> regs) implements Op {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sum(this);
    }
  }

  /** FanInProd: Σ = ΠΣᵢ, Θ = Σᵢ Θᵢ·Πⱼ≠ᵢ Σⱼ, into {@code regs[0]}. */
  record Product(List<Integer> regs) implements Op {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.product(this);
    }
  }

  /** FanInConcat: {@code regs[0]} = Σᵢ weightᵢ·regᵢ with weightᵢ = widthᵢ / Σ widths. */
  record WeightedSum(List<Integer> regs, List<Double> weights) implements Op {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.weightedSum(this);
    }
  }
}
