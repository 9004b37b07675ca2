package org.ntk4j.spark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.ntk4j.kernel.Kernels;

/**
 * The kernels of each input with itself, K(x, x), gathered on the driver from the tasks'
 * results: every tile brings those of its rows and columns. Ranges that no task of this run
 * covers (the tiles were finished by an earlier run) get tasks of their own.
 */
final class Diagonals {
  private final boolean symmetric;
  private final double[] nngp1;
  private final double[] ntk1;
  private final double[] nngp2;
  private final double[] ntk2;
  private final BitSet covered1;
  private final BitSet covered2;

  Diagonals(int n1, int n2, boolean symmetric, boolean withNtk) {
    this.symmetric = symmetric;
    this.nngp1 = new double[n1];
    this.ntk1 = withNtk ? new double[n1] : null;
    this.nngp2 = symmetric ? nngp1 : new double[n2];
    this.ntk2 = symmetric ? ntk1 : withNtk ? new double[n2] : null;
    this.covered1 = new BitSet(n1);
    this.covered2 = symmetric ? covered1 : new BitSet(n2);
  }

  /**
   * Work items for the inputs that none of {@code work}'s tiles covers, in ranges of at most
   * {@code edge} inputs.
   */
  List<WorkItem> missing(List<WorkItem> work, int edge) {
    BitSet will1 = new BitSet(nngp1.length);
    BitSet will2 = symmetric ? will1 : new BitSet(nngp2.length);
    for (WorkItem w : work) {
      will1.set(w.r0(), w.r0() + w.rows());
      will2.set(w.c0(), w.c0() + w.cols());
    }
    List<WorkItem> out = new ArrayList<>();
    addMissing(will1, nngp1.length, edge, false, out);
    if (!symmetric) {
      addMissing(will2, nngp2.length, edge, true, out);
    }
    return out;
  }

  void take(TileResult r) {
    WorkItem w = r.item();
    boolean ofX2 = w.kind() == WorkItem.Kind.X2_DIAGONAL;
    put(ofX2 ? nngp2 : nngp1, ofX2 ? ntk2 : ntk1, ofX2 ? covered2 : covered1, w.r0(),
        r.rowsNngpDiagonal(), r.rowsNtkDiagonal());
    if (w.kind() == WorkItem.Kind.TILE) {
      put(nngp2, ntk2, covered2, w.c0(), r.colsNngpDiagonal(), r.colsNtkDiagonal());
    }
  }

  /** The diagonals as {@link Kernels} without matrices. */
  Kernels kernels() {
    if (covered1.cardinality() != nngp1.length || covered2.cardinality() != nngp2.length) {
      throw new IllegalStateException("diagonals of " + covered1.cardinality() + " of "
          + nngp1.length + " and " + covered2.cardinality() + " of " + nngp2.length
          + " inputs");
    }
    return new Kernels(null, null, nngp1, ntk1, nngp2, ntk2);
  }

  private static void put(double[] nngp, double[] ntk, BitSet covered, int from, double[] n,
      double[] t) {
    System.arraycopy(n, 0, nngp, from, n.length);
    if (ntk != null) {
      System.arraycopy(t, 0, ntk, from, t.length);
    }
    covered.set(from, from + n.length);
  }

  private static void addMissing(BitSet will, int n, int edge, boolean ofX2,
      List<WorkItem> out) {
    for (int start = will.nextClearBit(0); start < n; start = will.nextClearBit(start)) {
      int end = Math.min(n, Math.min(will.nextSetBit(start) < 0 ? n : will.nextSetBit(start),
          start + edge));
      out.add(WorkItem.diagonal(ofX2, start, end - start));
      start = end;
    }
  }
}
