package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/** .npy reading and writing against files made by numpy 2.x (see the fixture folder). */
class NpyTest {
  @TempDir Path dir;

  /** The fixtures hold i·0.25 − 1 for i = 0, 1, … in C order (exact in float32 too). */
  private static double[] ramp(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 0.25 - 1.0;
    }
    return v;
  }

  private Path fixture(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"f8_3x4.npy", "f8_3x4_v2.npy", "f8_3x4_v3.npy", "f4_3x4.npy"})
  void readsNumpyFloatMatricesOfEveryVersion(String name) throws IOException {
    Matrix m = Npy.readMatrix(fixture(name));
    assertEquals(3, m.rows());
    assertEquals(4, m.cols());
    assertArrayEquals(ramp(12), m.data());
  }

  @Test
  void readsBigEndianFloats() throws IOException {
    NpyArray a = Npy.read(fixture("f4_be_2x3.npy"));
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertArrayEquals(ramp(6), a.data());
    assertArrayEquals(ramp(4), Npy.read(fixture("f8_be_2x2.npy")).data());
  }

  @Test
  void readsIntegerAndBoolLabelsAsDoubles() throws IOException {
    assertArrayEquals(new double[] {0, 9, 3, -2}, Npy.read(fixture("i8_labels.npy")).data());
    assertArrayEquals(new double[] {1, -7, 100000}, Npy.read(fixture("i4_be.npy")).data());
    assertArrayEquals(new double[] {0, 255, 7}, Npy.read(fixture("u1.npy")).data());
    assertArrayEquals(new double[] {1, 0, 1}, Npy.read(fixture("bool.npy")).data());
    assertArrayEquals(new double[] {0x1p64, 5}, Npy.read(fixture("u8.npy")).data());
  }

  @Test
  void readsOneDimensionalAsColumnAndHigherRanks() throws IOException {
    Matrix col = Npy.readMatrix(fixture("f8_5.npy"));
    assertEquals(5, col.rows());
    assertEquals(1, col.cols());
    NpyArray cube = Npy.read(fixture("f8_2x3x4.npy"));
    assertArrayEquals(new long[] {2, 3, 4}, cube.shape());
    assertArrayEquals(ramp(24), cube.data());
    NpyArray scalar = Npy.read(fixture("scalar.npy"));
    assertEquals(0, scalar.rank());
    assertArrayEquals(new double[] {3.5}, scalar.data());
    assertEquals(0, Npy.readMatrix(fixture("f8_0x3.npy")).rows());
  }

  @Test
  void threeDimensionalArrayIsNotAMatrix() throws IOException {
    Path p = fixture("f8_2x3x4.npy");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.readMatrix(p));
    assertTrue(e.getMessage().contains("f8_2x3x4.npy"), e.getMessage());
    assertTrue(e.getMessage().contains("(2, 3, 4)"), e.getMessage());
  }

  /** Our header and data bytes equal numpy's, so numpy reads what we write. */
  @ParameterizedTest
  @ValueSource(strings = {"f8_3x4.npy", "f4_3x4.npy", "f8_2x3x4.npy", "f8_5.npy", "f8_0x3.npy",
      "f8_be_2x2.npy", "scalar.npy"})
  void writesExactlyTheBytesNumpyWrites(String name) throws IOException {
    Path numpyMade = fixture(name);
    NpyHeader h = Npy.readHeader(numpyMade);
    Path ours = dir.resolve("ours.npy");
    Npy.write(ours, Npy.read(numpyMade), h.dtype());
    assertArrayEquals(Files.readAllBytes(numpyMade), Files.readAllBytes(ours));
  }

  @Test
  void roundTripsFloat64ExactlyAndFloat32ToNearest() throws IOException {
    Random r = new Random(7);
    double[] v = new double[5 * 7];
    Arrays.setAll(v, i -> r.nextGaussian() * 1e3);
    Matrix m = new Matrix(5, 7, v);
    Path f8 = dir.resolve("a.npy");
    Npy.write(f8, m, NpyDtype.FLOAT64);
    assertArrayEquals(v, Npy.readMatrix(f8).data());
    Path f4 = dir.resolve("b.npy");
    Npy.write(f4, m, NpyDtype.FLOAT32);
    double[] back = Npy.readMatrix(f4).data();
    for (int i = 0; i < v.length; i++) {
      assertEquals((float) v[i], back[i]);
    }
    assertEquals(Npy.readHeader(f4).dataOffset() + 4L * v.length, Files.size(f4));
  }

  @Test
  void writesBigEndianWhenAsked() throws IOException {
    NpyDtype be = new NpyDtype('f', 4, ByteOrder.BIG_ENDIAN);
    Path p = dir.resolve("be.npy");
    Npy.write(p, new NpyArray(new long[] {2, 3}, ramp(6)), be);
    assertEquals(">f4", Npy.readHeader(p).dtype().descr());
    assertArrayEquals(ramp(6), Npy.read(p).data());
  }

  @Test
  void headerEncodesAlignedAndParsesBack() throws IOException {
    NpyHeader h = NpyHeader.of(NpyDtype.FLOAT32, 100_000, 100_000);
    assertEquals(0, h.dataOffset() % 64);
    assertEquals(h.encode().length, h.dataOffset());
    assertEquals(40_000_000_000L, h.dataBytes());
    Path p = dir.resolve("h.npy");
    Files.write(p, h.encode());
    assertEquals(h, Npy.readHeader(p));
  }

  @Test
  void longShapesUseVersionTwoHeaders() throws IOException {
    long[] shape = new long[25_000];
    Arrays.fill(shape, 1);
    NpyHeader h = NpyHeader.of(NpyDtype.FLOAT64, shape);
    byte[] bytes = h.encode();
    assertEquals(2, bytes[6]);
    Path p = dir.resolve("wide.npy");
    Npy.write(p, new NpyArray(shape, new double[] {4.5}), NpyDtype.FLOAT64);
    assertArrayEquals(shape, Npy.readHeader(p).shape());
    assertArrayEquals(new double[] {4.5}, Npy.read(p).data());
  }

  private void assertRefused(Path file, String... fragments) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage());
    }
  }

  @Test
  void refusesFortranOrderNamingTheFix() throws IOException {
    assertRefused(fixture("fortran_2x3.npy"), "Fortran", "ascontiguousarray");
  }

  @Test
  void refusesStructuredAndObjectArrays() throws IOException {
    assertRefused(fixture("structured.npy"), "structured");
    assertRefused(fixture("object.npy"), "object");
  }

  @Test
  void refusesMissingEmptyAndForeignFiles() throws IOException {
    assertRefused(dir.resolve("nope.npy"), "no such file");
    Path empty = Files.createFile(dir.resolve("empty.npy"));
    assertRefused(empty, "empty");
    Path text = Files.writeString(dir.resolve("x.npy"), "1,2,3\n4,5,6\n");
    assertRefused(text, "not a .npy file");
    assertRefused(Files.writeString(dir.resolve("short.npy"), "hi"), "not a .npy file");
    byte[] magicOnly = {(byte) 0x93, 'N', 'U', 'M'};
    assertRefused(Files.write(dir.resolve("m.npy"), magicOnly), "truncated");
    assertRefused(dir, "directory");
  }

  @Test
  void refusesTruncatedDataWithByteCounts() throws IOException {
    byte[] full = Files.readAllBytes(fixture("f8_3x4.npy"));
    Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, full.length - 5));
    assertRefused(cut, "truncated", "96 data bytes", "has 91");
  }

  @Test
  void refusesTruncatedHeader() throws IOException {
    byte[] full = Files.readAllBytes(fixture("f8_3x4.npy"));
    Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, 30));
    assertRefused(cut, "truncated", "header");
  }

  @Test
  void refusesUnknownVersionAndCorruptDict() throws IOException {
    byte[] full = Files.readAllBytes(fixture("f8_3x4.npy"));
    byte[] v9 = full.clone();
    v9[6] = 9;
    assertRefused(Files.write(dir.resolve("v9.npy"), v9), "version 9.0");
    byte[] garbled = full.clone();
    garbled[10] = '[';
    assertRefused(Files.write(dir.resolve("g.npy"), garbled), "corrupt .npy header");
    byte[] complex = new String(full, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("<f8", "<c8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertRefused(Files.write(dir.resolve("c.npy"), complex), "unsupported dtype '<c8'");
  }

  @Test
  void writingIntoAMissingDirectoryFailsCleanly() {
    Path target = dir.resolve("missing").resolve("out.npy");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Npy.write(target, Matrix.identity(2), NpyDtype.FLOAT64));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFiles() throws IOException {
    Path target = dir.resolve("k.npy");
    Npy.write(target, Matrix.identity(2), NpyDtype.FLOAT64);
    byte[] before = Files.readAllBytes(target);
    assertThrows(IOException.class, () -> AtomicFiles.write(target, ch -> {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
      throw new IOException("disk full");
    }));
    assertArrayEquals(before, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void refusesToWriteIntegerTypes() {
    assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("i.npy"),
        Matrix.identity(2), NpyDtype.parse("<i8")));
  }
}
