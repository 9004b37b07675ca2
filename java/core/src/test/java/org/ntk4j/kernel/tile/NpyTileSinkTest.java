package org.ntk4j.kernel.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.Precision;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.linalg.Matrix;

/**
 * Tiles of a known matrix through the .npy sink: every entry lands at its place, mirror images
 * included, whether the tiles' bytes go to the file as they are (float64 tiles, float64 file)
 * or are converted (float64 tiles, float32 file); edges that do not divide n.
 */
class NpyTileSinkTest {
  private static final int N1 = 70;
  private static final int N2 = 45;
  private static final int EDGE = 32;

  @TempDir Path dir;

  @Test
  void symmetricGridWritesBothTriangles() throws IOException {
    Matrix m = run(new TileGrid(N1, N1, EDGE, true), NpyDtype.FLOAT64);
    for (int i = 0; i < N1; i++) {
      for (int j = 0; j < N1; j++) {
        assertEquals(SyntheticTiles.entry(i, j), m.get(i, j), 0.0, "(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void rectangularGridIntoAFloat32File() throws IOException {
    Matrix m = run(new TileGrid(N1, N2, EDGE, false), NpyDtype.FLOAT32);
    for (int i = 0; i < N1; i++) {
      for (int j = 0; j < N2; j++) {
        assertEquals((float) SyntheticTiles.entry(i, j), m.get(i, j), 0.0, "(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void symmetricFloat32FileFromFloat64Tiles() throws IOException {
    Matrix m = run(new TileGrid(N1, N1, EDGE, true), NpyDtype.FLOAT32);
    double[] expected = new double[N1 * N1];
    for (int i = 0; i < N1; i++) {
      for (int j = 0; j < N1; j++) {
        expected[i * N1 + j] = (float) SyntheticTiles.entry(i, j);
      }
    }
    assertArrayEquals(expected, m.data(), 0.0);
  }

  /** Every tile through the sink, the file read back; the journal and partial file are gone. */
  private Matrix run(TileGrid grid, NpyDtype dtype) throws IOException {
    Path target = dir.resolve("k.npy");
    try (NpyTileSink sink = new NpyTileSink(target, true, dtype, "test job", false)) {
      SyntheticTiles.feed(sink, grid, Precision.FLOAT64);
    }
    assertFalse(Files.exists(dir.resolve("k.npy.tiles")));
    assertFalse(Files.exists(dir.resolve("k.npy.partial")));
    return Npy.readMatrix(target);
  }
}
