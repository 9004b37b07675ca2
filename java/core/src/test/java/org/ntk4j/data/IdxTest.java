package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;

class IdxTest {

  /** An IDX file of unsigned bytes with the given shape. */
  static byte[] ubyteIdx(int[] shape, int[] values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(0);
    out.writeByte(0);
    out.writeByte(0x08);
    out.writeByte(shape.length);
    for (int s : shape) {
      out.writeInt(s);
    }
    for (int v : values) {
      out.writeByte(v);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    }
    return bytes.toByteArray();
  }

  @Test
  void readsPlainAndGzippedUnsignedBytes() throws IOException {
    byte[] raw = ubyteIdx(new int[] {2, 1, 3}, new int[] {0, 1, 2, 253, 254, 255});
    for (byte[] file : new byte[][] {raw, gzip(raw)}) {
      Idx.Array a = Idx.read(new ByteArrayInputStream(file), "test");
      assertArrayEquals(new int[] {2, 1, 3}, a.shape());
      assertEquals(3, a.itemSize());
      assertArrayEquals(new double[] {0, 1, 2, 253, 254, 255}, a.values());
    }
  }

  @Test
  void readsWiderBigEndianTypes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {0, 0, 0x0D, 1});
    out.writeInt(2);
    out.writeFloat(1.5f);
    out.writeFloat(-2.25f);
    Idx.Array a = Idx.read(new ByteArrayInputStream(bytes.toByteArray()), "f");
    assertArrayEquals(new double[] {1.5, -2.25}, a.values());
  }

  @Test
  void refusesNonIdxAndTruncatedFiles() throws IOException {
    InvalidInputException notIdx = assertThrows(InvalidInputException.class,
        () -> Idx.read(new ByteArrayInputStream("hello,world".getBytes()), "x.csv"));
    assertTrue(notIdx.getMessage().contains("not an IDX file"), notIdx.getMessage());
    byte[] raw = ubyteIdx(new int[] {4}, new int[] {1, 2, 3, 4});
    byte[] cut = java.util.Arrays.copyOf(raw, raw.length - 2);
    InvalidInputException truncated = assertThrows(InvalidInputException.class,
        () -> Idx.read(new ByteArrayInputStream(cut), "cut.idx"));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
  }

  @Test
  void loadsFashionMnistLayoutFromADirectory(@TempDir Path dir) throws IOException {
    assertFalse(FashionMnist.availableIn(dir));
    int[] pixels = new int[3 * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i % 256;
    }
    for (String part : new String[] {"train", "t10k"}) {
      Files.write(FashionMnist.images(dir, part), gzip(ubyteIdx(new int[] {3, 28, 28}, pixels)));
      Files.write(FashionMnist.labels(dir, part), gzip(ubyteIdx(new int[] {3},
          new int[] {9, 0, 4})));
    }
    assertTrue(FashionMnist.availableIn(dir));
    LabeledData train = FashionMnist.train(dir);
    assertEquals(3, train.size());
    assertEquals(784, train.features().cols());
    assertEquals(255 / 255.0, train.features().get(0, 255), 0);
    assertEquals((785 % 256) / 255.0, train.features().get(1, 1), 1e-15);
    assertArrayEquals(new int[] {9, 0, 4}, train.labels());
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> FashionMnist.test(dir.resolve("nowhere")));
    assertTrue(missing.getMessage().contains("dataset-fashion-mnist"), missing.getMessage());
  }
}
