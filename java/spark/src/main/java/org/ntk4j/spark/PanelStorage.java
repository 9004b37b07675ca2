package org.ntk4j.spark;

/** Where a {@link SparkKernelOperator}'s row panels live between products. */
public enum PanelStorage {
  /** Cached when they fit the executors' storage memory, else recomputed. */
  AUTO,
  /** Computed once and cached in the executors' memory (refused when they do not fit). */
  CACHED,
  /** Recomputed on the executors for every product, tile by tile, never held whole. */
  RECOMPUTED
}
