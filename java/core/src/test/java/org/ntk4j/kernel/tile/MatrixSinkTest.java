package org.ntk4j.kernel.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.linalg.Matrix;

/** Tiles of a known kernel into memory: rows copied in bulk, mirror images in blocks. */
class MatrixSinkTest {

  @Test
  void symmetricGridsFillBothTriangles() {
    for (Precision p : Precision.values()) {
      // 70 = two tiles of 32 and one of 6; 64 = exactly two.
      for (int n : new int[] {70, 64}) {
        MatrixSink sink = new MatrixSink(n, n, true, true);
        SyntheticTiles.feed(sink, new TileGrid(n, n, 32, true), p);
        assertEntries(sink.nngp(), p);
        assertEntries(sink.ntk(), p);
      }
    }
  }

  @Test
  void rectangularGridsFillEveryEntry() {
    for (Precision p : Precision.values()) {
      MatrixSink sink = new MatrixSink(70, 45, false, true);
      SyntheticTiles.feed(sink, new TileGrid(70, 45, 32, false), p);
      assertEntries(sink.ntk(), p);
    }
  }

  private static void assertEntries(Matrix m, Precision p) {
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        double e = SyntheticTiles.entry(i, j);
        assertEquals(p == Precision.FLOAT64 ? e : (float) e, m.get(i, j), 0.0,
            p + " (" + i + ", " + j + ")");
      }
    }
  }
}
