package org.ntk4j.spark;

import org.ntk4j.linalg.Matrix;

/**
 * A row panel that holds nothing but its place: every product computes it again on the
 * executor, tile by tile, each tile multiplied into the product and dropped.
 */
record RecomputedPanel(PanelKernel kernel, int r0, int rows) implements Panel {

  @Override
  public Matrix times(Matrix v) {
    return kernel.times(r0, rows, v);
  }

  @Override
  public Matrix rowsAt(int[] indices) {
    return kernel.rows(indices);
  }

  @Override
  public double[] diagonal() {
    return kernel.diagonal(r0, rows);
  }
}
