package org.ntk4j.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ntk4j.linalg.Matrix;

/**
 * Data sets shipped inside ntk4j, by the names the command line accepts in place of a file
 * (e.g. {@code --x1 digits}).
 */
public final class Datasets {
  private static final Map<String, Entry> NAMES = new LinkedHashMap<>();

  private record Entry(String description, Supplier<Matrix> loader) {}

  static {
    NAMES.put("digits", new Entry("UCI 8x8 digits, 1797x64, each pixel standardized (zero mean,"
        + " unit variance; constant pixels 0)", () -> Digits.load().standardizedFeatures()));
    NAMES.put("digits-raw", new Entry("UCI 8x8 digits, 1797x64, raw pixel counts 0..16",
        () -> Digits.load().features()));
    NAMES.put("digits-scaled", new Entry("UCI 8x8 digits, 1797x64, pixels divided by 16",
        () -> Digits.load().scaledFeatures()));
    NAMES.put("digits-labels", new Entry("UCI 8x8 digits labels 0..9, 1797x1",
        () -> Digits.load().labelColumn()));
    NAMES.put("digits-onehot", new Entry("UCI 8x8 digits labels one-hot, 1797x10",
        () -> Digits.load().oneHot()));
    String fashion = "Fashion-MNIST from Debian's dataset-fashion-mnist (not shipped), ";
    String standardized = "x784, each pixel standardized by the training set's statistics";
    NAMES.put("fashion-mnist-train", new Entry(fashion + "training images, 60000" + standardized,
        () -> fashionMnist().xTrain()));
    NAMES.put("fashion-mnist-test", new Entry(fashion + "test images, 10000" + standardized,
        () -> fashionMnist().xTest()));
    NAMES.put("fashion-mnist-train-onehot", new Entry(fashion + "training labels one-hot,"
        + " 60000x10", () -> FashionMnist.train(FashionMnist.DEBIAN_DIR).oneHot()));
    NAMES.put("fashion-mnist-test-onehot", new Entry(fashion + "test labels one-hot, 10000x10",
        () -> FashionMnist.test(FashionMnist.DEBIAN_DIR).oneHot()));
  }

  private static TrainTestSplit fashionMnist() {
    return TrainTestSplit.standardize(FashionMnist.train(FashionMnist.DEBIAN_DIR),
        FashionMnist.test(FashionMnist.DEBIAN_DIR));
  }

  private Datasets() {}

  /** The matrix for a shipped data set name, or empty if {@code name} is not one. */
  public static Optional<Matrix> load(String name) {
    Entry e = NAMES.get(name);
    return e == null ? Optional.empty() : Optional.of(e.loader().get());
  }

  /** Name → description of every shipped data set, in a stable order. */
  public static Map<String, String> descriptions() {
    Map<String, String> out = new LinkedHashMap<>();
    NAMES.forEach((k, v) -> out.put(k, v.description()));
    return out;
  }
}
