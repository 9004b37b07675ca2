package org.ntk4j.experiments;

import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.data.Digits;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.LabeledData;
import org.ntk4j.data.TrainTestSplit;

/**
 * The data the experiments run on: the shipped UCI digits (default) or Fashion-MNIST from
 * Debian's dataset-fashion-mnist; a seeded subset, standardized by its training part.
 */
public enum ExperimentData {
  DIGITS("digits"),
  FASHION_MNIST("fashion-mnist");

  private final String cliName;

  ExperimentData(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Parses {@code digits} or {@code fashion-mnist}. */
  public static ExperimentData parse(String name) {
    for (ExperimentData d : values()) {
      if (d.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new InvalidInputException("unknown data set '" + name
        + "'; use digits or fashion-mnist");
  }

  /** {@code train} training and {@code test} test examples, drawn with {@code seed}. */
  public TrainTestSplit load(int train, int test, long seed) {
    if (this == DIGITS) {
      Digits d = Digits.load();
      return new LabeledData(d.features(), d.labels(), Digits.CLASSES).split(train, test, seed);
    }
    LabeledData trainPool = FashionMnist.train(FashionMnist.DEBIAN_DIR);
    LabeledData testPool = FashionMnist.test(FashionMnist.DEBIAN_DIR);
    return TrainTestSplit.standardize(trainPool.sample(train, seed),
        testPool.sample(test, seed + 1));
  }
}
