package org.ntk4j.linalg;

import java.util.List;

/**
 * The dense linear algebra behind prediction, as one contract for every backend: the pure-Java
 * oracle ({@link JavaLinearAlgebra}) and device implementations (OpenCL, CUDA).
 *
 * <p>Contract shared by every method:
 * <ul>
 *   <li>Arguments are row-major {@link Matrix} values of any storage (float64 or float32; heap,
 *       native or mapped); results are new matrices and the arguments are never modified,
 *       except by the {@code ...InPlace} methods, which exist so that an N × N kernel need not
 *       be copied. An implementation may compute in lower precision when it was created for
 *       that, and says so in {@link #name()}. A result may live in native memory (an
 *       implementation documents when): close it when done, or leave it to the garbage
 *       collector.
 *   <li>Shapes are checked first: a mismatch throws {@link IllegalArgumentException} naming both
 *       shapes.
 *   <li>Symmetric arguments ({@link #eigh}, {@link #cholesky}, {@link #solveSpd}) must be
 *       symmetric; an implementation may read either triangle only.
 *   <li>Implementations are safe to call from several threads; they hold native resources,
 *       hence {@link AutoCloseable}.
 * </ul>
 */
public interface LinearAlgebra extends AutoCloseable {

  /** Short name, e.g. {@code java}. */
  String name();

  /**
   * Where matrices this implementation reads (and factors in place) without a copy should be
   * made, e.g. kernels computed for it: heap float64 unless it says otherwise.
   */
  default MatrixAllocator allocator() {
    return MatrixAllocator.HEAP;
  }

  /**
   * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ with λ ascending (numpy's {@code eigh}).
   * Eigenvalues are returned as computed, not clipped: small negative values are expected for
   * numerically singular kernels and callers clip them where the math says so.
   *
   * @param a a symmetric n × n matrix
   */
  SymmetricEigen eigh(Matrix a);

  /**
   * All eigenvalues of a symmetric matrix, ascending, without eigenvectors (a fraction of
   * {@link #eigh}'s work where an implementation has an eigenvalues-only routine).
   */
  default double[] eigenvalues(Matrix a) {
    return eigh(a).values();
  }

  /**
   * The eigenvalues with indices [from, to) in ascending order, e.g. (0, 1) for the smallest and
   * (n − 1, n) for the largest (an implementation with a selective solver computes only these).
   */
  default double[] eigenvalues(Matrix a, int from, int to) {
    Shapes.requireSquare(a, "eigenvalues' argument");
    Shapes.requireEigenvalueRange(from, to, a.rows());
    return java.util.Arrays.copyOfRange(eigenvalues(a), from, to);
  }

  /**
   * The lower Cholesky factor L of a symmetric positive definite A = L·Lᵀ (L's upper triangle is
   * zero).
   *
   * @throws NotPositiveDefiniteException if the factorization breaks down; it carries A's
   *     smallest eigenvalue (computed on failure only) and suggests a diagonal regularizer
   */
  Matrix cholesky(Matrix a);

  /**
   * {@link #cholesky} without a copy: A's lower triangle (diagonal included) is overwritten with
   * L; the strict upper triangle keeps A's values (solves read only L's triangle). If A is not
   * positive definite it is left as it was and {@link NotPositiveDefiniteException} is thrown.
   */
  default void choleskyInPlace(Matrix a) {
    Matrix l = cholesky(a);
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j <= i; j++) {
        a.set(i, j, l.get(i, j));
      }
    }
    l.close();
  }

  /**
   * Solves T·X = B, or Tᵀ·X = B when {@code transpose}, for a triangular T by substitution. Only
   * the given triangle of T (diagonal included) is read.
   *
   * @param t n × n, non-singular triangular
   * @param b n × k right-hand sides
   * @return X, n × k
   */
  Matrix solveTriangular(Matrix t, Triangle triangle, boolean transpose, Matrix b);

  /**
   * Solves A·X = B for a symmetric positive definite A, through its Cholesky factorization.
   *
   * @param a n × n symmetric positive definite
   * @param b n × k right-hand sides
   * @return X, n × k
   * @throws NotPositiveDefiniteException as {@link #cholesky}
   */
  default Matrix solveSpd(Matrix a, Matrix b) {
    return solveWithCholesky(cholesky(a), b);
  }

  /**
   * Solves A·X = B given A's lower Cholesky factor L (A = L·Lᵀ): L·Z = B, then Lᵀ·X = Z. Lets a
   * caller factor once and solve many times.
   */
  default Matrix solveWithCholesky(Matrix lower, Matrix b) {
    Matrix z = solveTriangular(lower, Triangle.LOWER, false, b);
    return solveTriangular(lower, Triangle.LOWER, true, z);
  }

  /** A·B for A m × r and B r × k. */
  Matrix multiply(Matrix a, Matrix b);

  /** Aᵀ·B for A r × m and B r × k (A's transpose is never formed). */
  Matrix multiplyTransposeA(Matrix a, Matrix b);

  /** A·Bᵀ for A m × r and B k × r (B's transpose is never formed). */
  Matrix multiplyTransposeB(Matrix a, Matrix b);

  /** A·Aᵀ for A m × r (symmetric; an implementation may compute one triangle and mirror it). */
  default Matrix gram(Matrix a) {
    return multiplyTransposeB(a, a);
  }

  /**
   * Many products that differ only by a diagonal in the middle, in one call:
   * result[t] = L·diag(F[t, :])·R for every row t of F. This is the time-batched step of
   * prediction: with L = V (or Θ(x, X)·V), F[t, i] = f_t(λᵢ) and R = Vᵀ·B, result[t] is the
   * matrix function f_t(A) applied to B for every time t at once. Implementations should do it as
   * one product L·[diag(F[0])·R | diag(F[1])·R | …] (m × T·k) rather than T small ones.
   *
   * @param left L, m × r
   * @param factors F, T × r (one row per time)
   * @param right R, r × k
   * @return T matrices, each m × k, in the row order of F
   */
  List<Matrix> diagonalScaledProducts(Matrix left, Matrix factors, Matrix right);

  /**
   * The matrix functions V·diag(f_t(λ))·Vᵀ·B for many t in one call, given A's eigendecomposition
   * and the values f_t(λᵢ) as the rows of {@code factors} (T × n).
   *
   * @return T matrices, each n × k (B is n × k)
   */
  default List<Matrix> spectralFunction(SymmetricEigen eigen, Matrix factors, Matrix b) {
    Matrix v = eigen.vectors();
    return diagonalScaledProducts(v, factors, multiplyTransposeA(v, b));
  }

  @Override
  default void close() {}
}
