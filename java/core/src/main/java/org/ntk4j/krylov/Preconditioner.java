package org.ntk4j.krylov;

import org.ntk4j.linalg.Matrix;

/** M⁻¹ for conjugate gradients: a fixed symmetric positive definite approximation of A⁻¹. */
public interface Preconditioner {
  /** No preconditioning: M = I. */
  Preconditioner NONE = new Preconditioner() {
    @Override
    public Matrix apply(Matrix r) {
      return r.copy();
    }

    @Override
    public String description() {
      return "none";
    }
  };

  /** M⁻¹·R for a block R (N × k), as a new matrix. */
  Matrix apply(Matrix r);

  /** For messages, e.g. {@code rank-500 pivoted Cholesky}. */
  String description();
}
