package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/** The Fashion-MNIST names: the test set standardized like the training set, or the fix. */
class DatasetsTest {
  @Test
  void fashionMnistNamesLoadWhenInstalledAndNameThePackageOtherwise() {
    assertTrue(Datasets.descriptions().containsKey("fashion-mnist-train-onehot"));
    if (!FashionMnist.availableIn(FashionMnist.DEBIAN_DIR)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> Datasets.load("fashion-mnist-test"));
      assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
      return;
    }
    Matrix x = Datasets.load("fashion-mnist-test").orElseThrow();
    Matrix y = Datasets.load("fashion-mnist-test-onehot").orElseThrow();
    assertEquals(10_000, x.rows());
    assertEquals(FashionMnist.PIXELS, x.cols());
    assertEquals(10, y.cols());
    Standardization train = Standardization.fit(
        FashionMnist.train(FashionMnist.DEBIAN_DIR).features());
    Matrix expected = train.apply(FashionMnist.test(FashionMnist.DEBIAN_DIR).features());
    assertEquals(0, x.relativeError(expected));
  }
}
