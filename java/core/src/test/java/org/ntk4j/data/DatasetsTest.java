package org.ntk4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * The Fashion-MNIST names: the test set standardized like the training set where Debian's
 * package is installed (skipped, with the reason, elsewhere), the fix where it is not.
 */
class DatasetsTest {
  @Test
  void fashionMnistNamesAreListed() {
    assertTrue(Datasets.descriptions().containsKey("fashion-mnist-train-onehot"));
  }

  @Test
  void withoutThePackageTheErrorNamesIt() {
    Assumptions.assumeFalse(FashionMnist.availableIn(FashionMnist.DEBIAN_DIR),
        "dataset-fashion-mnist is installed here");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Datasets.load("fashion-mnist-test"));
    assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
  }

  @Test
  void testSetIsStandardizedLikeTheTrainingSet() {
    Assumptions.assumeTrue(FashionMnist.availableIn(FashionMnist.DEBIAN_DIR),
        "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
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
