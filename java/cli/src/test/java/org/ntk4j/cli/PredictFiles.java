package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.ntk4j.data.Digits;
import org.ntk4j.data.LabeledData;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;

/** The predict tests' inputs: a 300 / 120 split of the digits as .npy files, and their net. */
final class PredictFiles {
  static final String NET = "dense(64, w_std=1.5, b_std=0.05), relu(), "
      + "dense(64, w_std=1.5, b_std=0.05), relu(), dense(10, w_std=1.5, b_std=0.05)";

  private PredictFiles() {}

  /** Writes xtr.npy, ytr.npy, xte.npy and yte.npy (one-hot targets) into {@code dir}. */
  static void writeDigits(Path dir) throws IOException {
    Digits d = Digits.load();
    TrainTestSplit split = new LabeledData(d.features(), d.labels(), Digits.CLASSES)
        .split(300, 120, 0);
    Npy.write(dir.resolve("xtr.npy"), split.xTrain(), NpyDtype.FLOAT64);
    Npy.write(dir.resolve("ytr.npy"), split.yTrain(), NpyDtype.FLOAT64);
    Npy.write(dir.resolve("xte.npy"), split.xTest(), NpyDtype.FLOAT64);
    Npy.write(dir.resolve("yte.npy"), split.yTest(), NpyDtype.FLOAT64);
  }

  /**
   * {@code predict} on the files {@link #writeDigits} wrote into {@code dir}, with the net and
   * diag_reg 1e-4, then {@code extra}.
   */
  static String[] predictArgs(Path dir, String... extra) {
    String[] base = {"predict", "--arch", NET, "--x-train", at(dir, "xtr.npy"), "--y-train",
        at(dir, "ytr.npy"), "--x-test", at(dir, "xte.npy"), "--y-test", at(dir, "yte.npy"),
        "--diag-reg", "1e-4"};
    return Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new);
  }

  private static String at(Path dir, String name) {
    return dir.resolve(name).toString();
  }

  /** ‖a − ref‖ / ‖ref‖. */
  static double relativeError(double[] a, double[] ref) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - ref[i]) * (a[i] - ref[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / den);
  }
}
