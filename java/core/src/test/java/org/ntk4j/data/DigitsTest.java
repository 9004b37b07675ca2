package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Matrix;

/** The shipped digits against numbers numpy computes from the same file. */
class DigitsTest {
  private static final Digits DIGITS = Digits.load();

  @Test
  void hasTheUciShapeAndClassCounts() {
    assertEquals(1797, DIGITS.features().rows());
    assertEquals(64, DIGITS.features().cols());
    int[] counts = new int[10];
    for (int label : DIGITS.labels()) {
      counts[label]++;
    }
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
    assertEquals(561718.0, Arrays.stream(DIGITS.features().data()).sum());
    assertTrue(Arrays.stream(DIGITS.features().data()).allMatch(v -> v >= 0 && v <= 16));
  }

  @Test
  void firstImageIsAZero() {
    assertEquals(0, DIGITS.labels()[0]);
    assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(
        DIGITS.features().row(0), 8));
  }

  @Test
  void standardizationMatchesNumpy() {
    Matrix z = DIGITS.standardizedFeatures();
    assertEquals(0.6674781504330264, z.get(5, 10), 1e-13);
    assertEquals(-0.4675432430669412, z.get(1000, 37), 1e-13);
    int constantColumns = 0;
    for (int j = 0; j < 64; j++) {
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < z.rows(); i++) {
        sum += z.get(i, j);
        sq += z.get(i, j) * z.get(i, j);
      }
      assertEquals(0, sum / z.rows(), 1e-12);
      if (sq == 0) {
        constantColumns++;
      } else {
        assertEquals(1, sq / z.rows(), 1e-12);
      }
    }
    assertEquals(3, constantColumns);
  }

  @Test
  void targetsAndScaledViews() {
    Matrix y = DIGITS.oneHot();
    assertEquals(10, y.cols());
    for (int i = 0; i < y.rows(); i++) {
      assertEquals(1.0, y.get(i, DIGITS.labels()[i]));
      assertEquals(1.0, Arrays.stream(y.row(i)).sum());
    }
    assertEquals(DIGITS.labels()[7], DIGITS.labelColumn().get(7, 0));
    assertEquals(13 / 16.0, DIGITS.scaledFeatures().get(0, 3));
  }

  @Test
  void datasetNamesResolve() {
    assertEquals(64, Datasets.load("digits").orElseThrow().cols());
    assertEquals(1, Datasets.load("digits-labels").orElseThrow().cols());
    assertTrue(Datasets.load("mnist").isEmpty());
    assertTrue(Datasets.descriptions().containsKey("digits-onehot"));
  }
}
