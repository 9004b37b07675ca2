package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

class MatrixFilesTest {
  @TempDir Path dir;

  private static final Matrix M = Matrix.of(new double[] {0.1, 2}, new double[] {-3, 1e-9});

  @Test
  void picksTheFormatFromTheName() throws IOException {
    for (String name : new String[] {"m.npy", "m.csv", "m.csv.gz", "m.txt"}) {
      Path p = dir.resolve(name);
      MatrixFiles.write(p, M, NpyDtype.FLOAT64);
      assertArrayEquals(M.data(), MatrixFiles.read(p).data(), name);
    }
    byte[] head = new byte[6];
    System.arraycopy(Files.readAllBytes(dir.resolve("m.npy")), 0, head, 0, 6);
    assertArrayEquals(NpyHeader.MAGIC, head);
  }

  @Test
  void float32RoundsTheSameWayInEveryFormat() throws IOException {
    Path npy = dir.resolve("f.npy");
    Path csv = dir.resolve("f.csv");
    MatrixFiles.write(npy, M, NpyDtype.FLOAT32);
    MatrixFiles.write(csv, M, NpyDtype.FLOAT32);
    assertArrayEquals(MatrixFiles.read(npy).data(), MatrixFiles.read(csv).data());
    assertEquals((float) 0.1, MatrixFiles.read(csv).get(0, 0));
  }

  @Test
  void aCsvNamedNpyIsRefusedAsNotNpy() throws IOException {
    Path p = Files.writeString(dir.resolve("fake.npy"), "1,2\n");
    assertThrows(InvalidInputException.class, () -> MatrixFiles.read(p));
  }
}
