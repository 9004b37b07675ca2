package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;

/** Every storage of a matrix reads, writes and copies alike. */
class MatrixStorageTest {

  private static List<Matrix> everyStorage(int rows, int cols) {
    List<Matrix> out = new ArrayList<>();
    for (Precision p : Precision.values()) {
      for (Placement where : new Placement[] {Placement.HEAP, Placement.NATIVE}) {
        out.add(Matrix.allocate(rows, cols, p, where));
      }
    }
    out.add(Matrix.wrap(rows, cols, Precision.FLOAT64,
        ByteBuffer.allocateDirect(rows * cols * 8).order(ByteOrder.BIG_ENDIAN)));
    return out;
  }

  @Test
  void everyStorageStartsAtZeroAndHoldsWhatIsSet() {
    Matrix source = TestMatrices.gaussian(7, 5, 1);
    for (Matrix m : everyStorage(7, 5)) {
      try (m) {
        assertEquals(0.0, m.frobeniusNorm(), m.describe());
        source.copyInto(m);
        double tol = m.precision() == Precision.FLOAT32 ? 1e-7 : 0;
        assertTrue(m.relativeError(source) <= tol, m.describe());
        assertEquals((float) source.get(3, 4), (float) m.get(3, 4), m.describe());
        Matrix back = m.toHeap();
        assertTrue(back.hasArray());
        assertTrue(back.relativeError(source) <= tol, m.describe());
        assertArrayEquals(back.row(2), m.row(2), 0.0, m.describe());
        assertEquals(m.placement(), m.copy().placement(), m.describe());
      }
    }
  }

  /**
   * Bulk row reads give what get() gives, in every storage, including mapped chunks whose
   * boundaries fall inside rows (chunks of 7 values, rows of 5) in both precisions.
   */
  @Test
  void rowSegmentsReadInBulkEqualTheEntriesInEveryStorage() {
    Matrix source = TestMatrices.gaussian(6, 5, 2);
    List<Matrix> all = everyStorage(6, 5);
    for (Precision p : Precision.values()) {
      int width = p.bytes();
      List<ByteBuffer> chunks = new ArrayList<>();
      for (int start = 0; start < 30; start += 7) {
        chunks.add(ByteBuffer.allocate(Math.min(7, 30 - start) * width)
            .order(ByteOrder.LITTLE_ENDIAN));
      }
      all.add(Matrix.mapped(6, 5, p, chunks, 7, ByteOrder.LITTLE_ENDIAN, null));
    }
    for (Matrix m : all) {
      try (m) {
        source.copyInto(m);
        double[] got = new double[9];
        for (int row = 0; row < 6; row++) {
          m.readRow(row, 1, 4, got, 3);
          for (int j = 0; j < 4; j++) {
            assertEquals(m.get(row, 1 + j), got[3 + j], 0.0, m.describe() + " row " + row);
          }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> m.readRow(0, 2, 4, got, 0));
      }
    }
  }

  @Test
  void dataIsOnlyTheHeapFloat64ArrayAndSaysWhatToDoOtherwise() {
    double[] values = {1, 2, 3, 4};
    assertSame(values, new Matrix(2, 2, values).data());
    try (Matrix m = Matrix.allocate(2, 2, Precision.FLOAT64, Placement.NATIVE)) {
      assertFalse(m.hasArray());
      IllegalStateException e = assertThrows(IllegalStateException.class, m::data);
      assertTrue(e.getMessage().contains("in native memory as float64")
          && e.getMessage().contains("toHeap()"), e.getMessage());
      m.set(1, 0, 5);
      assertArrayEquals(new double[] {0, 0, 5, 0}, m.toDoubleArray());
    }
    Matrix f = Matrix.ofFloats(1, 2, new float[] {1.5f, 2});
    assertThrows(IllegalStateException.class, f::data);
    assertEquals(Precision.FLOAT32, f.precision());
    assertEquals(8, f.bytes());
  }

  /** A caller's native block is read and written in place and stays the caller's. */
  @Test
  void aCallersPointerIsWrappedWithoutACopyAndNotFreed() {
    try (DoublePointer mine = new DoublePointer(6)) {
      mine.put(new double[] {1, 2, 3, 4, 5, 6});
      Matrix m = Matrix.wrap(2, 3, mine);
      assertEquals(6, m.get(1, 2));
      m.set(0, 1, 20);
      assertEquals(20, mine.get(1));
      m.close(); // not ours to free
      assertEquals(20, mine.get(1));
      assertEquals(mine.address(), m.pointer().address());
    }
  }

  @Test
  void aHeapMatrixLargerThanAnArrayIsRefusedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Matrix.allocate(50_000, 50_000, Precision.FLOAT64, Placement.HEAP));
    assertTrue(e.getMessage().contains("Placement.NATIVE"), e.getMessage());
  }

  @Test
  void nativeMemoryIsCountedAndGivenBackOnClose() {
    long before = NativeMemory.heldBytes();
    Matrix m = Matrix.allocate(100, 100, Precision.FLOAT64, Placement.NATIVE);
    assertEquals(before + 80_000, NativeMemory.heldBytes());
    m.close();
    m.close(); // idempotent
    assertEquals(before, NativeMemory.heldBytes());
  }
}
