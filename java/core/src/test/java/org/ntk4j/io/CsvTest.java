package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

class CsvTest {
  @TempDir Path dir;

  private Path fixture(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = CsvTest.class.getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  private Path text(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void readsNumpySavetxtWithHeaderAndGzipped() throws IOException {
    Matrix expected = Npy.readMatrix(fixture("ramp_3x4_expected.npy"));
    CsvTable t = Csv.readTable(fixture("ramp_3x4.csv"));
    assertEquals(List.of("a", "b", "c", "d"), t.header());
    assertArrayEquals(expected.data(), t.values().data());
    CsvTable gz = Csv.readTable(fixture("ramp_3x4.csv.gz"));
    assertEquals(List.of(), gz.header());
    assertArrayEquals(expected.data(), gz.values().data());
  }

  @Test
  void acceptsTabsSemicolonsCommentsBlankLinesAndNumpySpellings() throws IOException {
    Matrix tabs = Csv.read(text("t.tsv", "# made by hand\n1\t2\n\n3\t4\n"));
    assertArrayEquals(new double[] {1, 2, 3, 4}, tabs.data());
    Matrix semi = Csv.read(text("s.csv", "x;y\n1.5;-2e3\n"));
    assertArrayEquals(new double[] {1.5, -2000}, semi.data());
    Matrix odd = Csv.read(text("n.csv", "nan,inf,-inf,\"7\"\n"));
    assertTrue(Double.isNaN(odd.get(0, 0)));
    assertEquals(Double.POSITIVE_INFINITY, odd.get(0, 1));
    assertEquals(Double.NEGATIVE_INFINITY, odd.get(0, 2));
    assertEquals(7, odd.get(0, 3));
    Matrix column = Csv.read(text("c.csv", "3\n4\n"));
    assertEquals(2, column.rows());
    assertEquals(1, column.cols());
  }

  @Test
  void emptyFileGivesAnEmptyMatrix() throws IOException {
    Matrix m = Csv.read(text("e.csv", ""));
    assertEquals(0, m.rows());
    Matrix headerOnly = Csv.read(text("h.csv", "a,b\n"));
    assertEquals(0, headerOnly.rows());
    assertEquals(2, headerOnly.cols());
  }

  @Test
  void roundTripsDoublesExactlyPlainAndGzipped() throws IOException {
    Random r = new Random(3);
    double[] v = new double[6 * 5];
    Arrays.setAll(v, i -> i % 7 == 0 ? i : r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
    v[1] = -0.0;
    Matrix m = new Matrix(6, 5, v);
    for (String name : new String[] {"w.csv", "w.csv.gz"}) {
      Path p = dir.resolve(name);
      Csv.write(p, m, List.of("a", "b", "c", "d", "e"));
      CsvTable back = Csv.readTable(p);
      assertEquals(List.of("a", "b", "c", "d", "e"), back.header());
      assertArrayEquals(v, back.values().data(), name);
    }
  }

  private void assertRefused(Path file, String... fragments) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Csv.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage());
    }
  }

  @Test
  void refusesRaggedRowsNamingTheLine() throws IOException {
    assertRefused(text("r.csv", "a,b,c\n1,2,3\n\n4,5\n"), "line 4 has 2 values, expected 3");
  }

  @Test
  void refusesTextInTheDataNamingLineAndColumn() throws IOException {
    assertRefused(text("x.csv", "1,2\n3,abc\n"), "line 2, column 2", "'abc' is not a number");
    assertRefused(text("y.csv", "1,2\n3,\n"), "line 2, column 2", "empty value");
    assertRefused(text("z.csv", "1,2\n3,4f\n"), "'4f' is not a number");
  }

  @Test
  void aFirstLineMixingNamesAndNumbersIsAnErrorNotAHeader() throws IOException {
    assertRefused(text("m.csv", "1,NA,3\n4,5,6\n"), "line 1, column 2: 'NA' is not a number");
    assertRefused(text("p.csv", ",0,1\n0,5,6\n"), "line 1, column 1: an empty value");
  }

  @Test
  void crlfLineEndsAndAByteOrderMarkAreHandled() throws IOException {
    Matrix m = Csv.read(text("w.csv", "\uFEFF1,2\r\n3,4\r\n"));
    assertArrayEquals(new double[] {1, 2, 3, 4}, m.data());
  }

  @Test
  void refusesMissingFilesAndCorruptGzip() throws IOException {
    assertRefused(dir.resolve("missing.csv"), "no such file");
    byte[] gz = Files.readAllBytes(fixture("ramp_3x4.csv.gz"));
    Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertRefused(cut, "gzip");
  }
}
