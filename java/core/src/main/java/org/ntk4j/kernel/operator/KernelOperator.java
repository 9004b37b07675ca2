package org.ntk4j.kernel.operator;

import java.util.Optional;
import org.ntk4j.linalg.Matrix;

/**
 * A kernel matrix K (rows × cols) known through what iterative solvers ask of it: block products
 * K·V, a few of its rows, and its diagonal. Whatever holds K (a dense matrix in memory, a
 * {@code .npy} file read in row panels, tiles recomputed by a backend and dropped) answers the
 * same way, so a solver written against this interface runs at any N the holder allows.
 *
 * <p>Products accumulate in float64 whatever K's storage precision; V and the result are
 * float64. Implementations are safe to call from one thread at a time and may use several
 * threads inside a call. Those that hold files or threads release them on {@link #close()}.
 */
public interface KernelOperator extends AutoCloseable {

  int rows();

  int cols();

  /**
   * K·V.
   *
   * @param v cols × k
   * @return rows × k, a new matrix
   */
  Matrix multiply(Matrix v);

  /**
   * The rows of K at {@code indices}, in that order, as float64 (indices.length × cols): what a
   * low-rank preconditioner reads.
   */
  Matrix rows(int[] indices);

  /** K's diagonal K_ii (a square operator only). */
  double[] diagonal();

  /** Where K lives, for messages: e.g. {@code float32 in memory}. */
  String description();

  /**
   * The matrix K is stored in, when it is stored whole (memory or a mapped file), for a caller
   * that may factor a copy of it; empty when K is recomputed on the fly.
   */
  default Optional<Matrix> stored() {
    return Optional.empty();
  }

  /** Whether K is square and symmetric (a train-train kernel). */
  default boolean isSquare() {
    return rows() == cols();
  }

  @Override
  default void close() {}
}
