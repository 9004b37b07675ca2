package org.ntk4j.linalg;

import org.ntk4j.Precision;

/** Where new matrices of zeros go (e.g. the kernels a backend computes). */
@FunctionalInterface
public interface MatrixAllocator {
  /** Heap float64, whose {@link Matrix#data()} is available. */
  MatrixAllocator HEAP = Matrix::zeros;

  Matrix allocate(int rows, int cols);

  static MatrixAllocator of(Precision precision, Placement placement) {
    return (rows, cols) -> Matrix.allocate(rows, cols, precision, placement);
  }
}
