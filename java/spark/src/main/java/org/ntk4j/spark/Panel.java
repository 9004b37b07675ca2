package org.ntk4j.spark;

import java.io.Serializable;
import org.ntk4j.linalg.Matrix;

/**
 * Rows [r0, r0 + rows) of a {@link SparkKernelOperator}'s K, as one partition of its panel RDD:
 * held ({@link CachedPanel}) or computed on demand ({@link RecomputedPanel}).
 */
interface Panel extends Serializable {

  int r0();

  int rows();

  /** The panel times V (K's columns × k): rows × k. */
  Matrix times(Matrix v);

  /** K's rows at {@code indices}, all within this panel, in that order. */
  Matrix rowsAt(int[] indices);

  /** K_ii for the panel's rows (a square K). */
  double[] diagonal();
}
