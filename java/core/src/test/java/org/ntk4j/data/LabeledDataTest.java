package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

class LabeledDataTest {

  /** Example i has features (i, 2i, 7) and label i mod 3, so rows can be traced. */
  private static LabeledData traceable(int n) {
    Matrix x = Matrix.zeros(n, 3);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x.set(i, 0, i);
      x.set(i, 1, 2 * i);
      x.set(i, 2, 7);
      labels[i] = i % 3;
    }
    return new LabeledData(x, labels, 3);
  }

  @Test
  void oneHotPutsAOneInTheLabelsColumn() {
    Matrix y = LabeledData.oneHot(new int[] {2, 0}, 3);
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, y.data());
  }

  @Test
  void splitsAreDisjointSeededAndStandardizedByTheTrainingSet() {
    LabeledData data = traceable(50);
    TrainTestSplit s = data.split(30, 15, 4);
    TrainTestSplit again = data.split(30, 15, 4);
    assertArrayEquals(s.xTrain().data(), again.xTrain().data());
    assertArrayEquals(s.train().labels(), again.train().labels());
    double mean = 0;
    double square = 0;
    for (int i = 0; i < 30; i++) {
      mean += s.xTrain().get(i, 0) / 30;
      square += s.xTrain().get(i, 0) * s.xTrain().get(i, 0) / 30;
      assertEquals(0.0, s.xTrain().get(i, 2), 0.0, "constant column maps to 0");
    }
    assertEquals(0, mean, 1e-12);
    assertEquals(1, square, 1e-12);

    Set<Double> trainRows = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      trainRows.add(s.xTrain().get(i, 1));
    }
    for (int i = 0; i < 15; i++) {
      assertEquals(false, trainRows.contains(s.xTest().get(i, 1)), "test row in training set");
    }
    assertEquals(15, s.yTest().rows());
    assertEquals(3, s.yTest().cols());
    assertEquals(30, trainRows.size(), "training rows are distinct examples");
  }

  @Test
  void refusesImpossibleSplitsAndBadLabels() {
    assertThrows(InvalidInputException.class, () -> traceable(10).split(8, 5, 1));
    assertThrows(InvalidInputException.class,
        () -> new LabeledData(Matrix.zeros(2, 1), new int[] {0, 3}, 3));
  }
}
