package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.Precision;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.Placement;
import org.ntk4j.linalg.TestMatrices;

/** Memory-mapped .npy matrices: read in place, written in place, larger than 2³¹ entries. */
class NpyMapTest {
  @TempDir Path dir;

  @Test
  void aMappedFileReadsAsTheMatrixWritten() throws Exception {
    Matrix m = TestMatrices.gaussian(13, 6, 1);
    for (NpyDtype dtype : new NpyDtype[] {NpyDtype.FLOAT64, NpyDtype.FLOAT32,
        new NpyDtype('f', 8, ByteOrder.BIG_ENDIAN)}) {
      Path f = dir.resolve("m" + dtype.descr().replace('<', 'l').replace('>', 'b') + ".npy");
      Npy.write(f, m, dtype);
      Matrix mapped = Npy.map(f, false);
      assertEquals(Placement.MAPPED, mapped.placement());
      assertTrue(mapped.isReadOnly());
      assertTrue(mapped.relativeError(m) < (dtype.size() == 4 ? 1e-7 : 1e-300), dtype.descr());
      assertThrows(java.nio.ReadOnlyBufferException.class, () -> mapped.set(0, 0, 1));
    }
  }

  @Test
  void aWritableMappingChangesTheFileInPlace() throws Exception {
    Path f = dir.resolve("w.npy");
    Npy.write(f, TestMatrices.gaussian(4, 4, 2), NpyDtype.FLOAT64);
    Matrix mapped = Npy.map(f, true);
    mapped.set(2, 3, 42);
    assertEquals(42, Npy.readMatrix(f).get(2, 3));
  }

  /** Any storage writes the same bytes as the heap array does. */
  @Test
  void nativeAndFloat32MatricesWriteTheSameFileAsTheirHeapCopy() throws Exception {
    Matrix m = TestMatrices.gaussian(9, 11, 3);
    Path heap = dir.resolve("heap.npy");
    Path off = dir.resolve("native.npy");
    Npy.write(heap, m, NpyDtype.FLOAT32);
    try (Matrix n = m.to(Precision.FLOAT64, Placement.NATIVE)) {
      Npy.write(off, n, NpyDtype.FLOAT32);
    }
    assertEquals(-1, Files.mismatch(heap, off));
  }

  /** Long indexing: a sparse file of 2³¹ + 65536 float32 values, touched at its far end. */
  @Test
  void aMappedMatrixMayHoldMoreThanTwoToTheThirtyOneEntries() throws Exception {
    int rows = 65_536;
    int cols = 32_769;
    Path f = dir.resolve("huge.npy");
    NpyHeader h = NpyHeader.of(NpyDtype.FLOAT32, rows, cols);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.write(h.encode());
      raf.setLength(h.fileLength());
    }
    Matrix m = Npy.map(f, true);
    assertTrue(m.entries() > Integer.MAX_VALUE);
    m.set(rows - 1, cols - 1, 7.5);
    m.set(rows / 2, 3, -2);
    assertEquals(7.5, m.get(rows - 1, cols - 1));
    assertEquals(-2, m.get(rows / 2, 3));
    assertEquals(0, m.get(rows - 1, cols - 2));
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      byte[] last = new byte[4];
      raf.seek(h.fileLength() - 4);
      raf.readFully(last);
      assertEquals(7.5f, ByteBuffer.wrap(last).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    }
  }

  @Test
  void onlyFloatMatricesInCOrderMap() throws Exception {
    Path ints = dir.resolve("i.npy");
    NpyHeader h = NpyHeader.of(new NpyDtype('i', 4, ByteOrder.LITTLE_ENDIAN), 2, 2);
    Files.write(ints, java.util.Arrays.copyOf(h.encode(), (int) h.fileLength()));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Npy.map(ints, false));
    assertTrue(e.getMessage().contains("float32/float64"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Npy.map(dir.resolve("none.npy"), false));
  }
}
