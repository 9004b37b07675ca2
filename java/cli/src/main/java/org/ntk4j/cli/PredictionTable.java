package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.Metrics;
import org.ntk4j.predict.PredictionResults;

/** The per-time table of train/test MSE (and accuracy for one-hot targets). */
final class PredictionTable {
  /** One row: MSE and accuracy on train and test (NaN where unknown). */
  record Row(String label, double time, double trainMse, double testMse, double trainAcc,
      double testAcc) {}

  private final List<Row> rows;
  private final boolean hasTest;
  private final boolean hasAccuracy;

  private PredictionTable(List<Row> rows, boolean hasTest, boolean hasAccuracy) {
    this.rows = rows;
    this.hasTest = hasTest;
    this.hasAccuracy = hasAccuracy;
  }

  /**
   * @param yTest test targets, or null when not given (then only train columns)
   */
  static PredictionTable of(PredictionResults r, Matrix yTrain, Matrix yTest) {
    boolean hasTest = yTest != null && r.testMean() != null;
    boolean accuracy = Metrics.isOneHot(yTrain) && (!hasTest || Metrics.isOneHot(yTest));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < r.labels().size(); i++) {
      Matrix train = r.train().get(i);
      Matrix test = hasTest ? r.testMean().get(i) : null;
      rows.add(new Row(r.labels().get(i), r.times()[i],
          Metrics.meanSquaredError(train, yTrain),
          hasTest ? Metrics.meanSquaredError(test, yTest) : Double.NaN,
          accuracy ? Metrics.accuracy(train, yTrain) : Double.NaN,
          accuracy && hasTest ? Metrics.accuracy(test, yTest) : Double.NaN));
    }
    return new PredictionTable(rows, hasTest, accuracy);
  }

  List<Row> rows() {
    return rows;
  }

  boolean hasTest() {
    return hasTest;
  }

  boolean hasAccuracy() {
    return hasAccuracy;
  }

  /** Fixed-width text, one line per time. */
  String format() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-14s %12s", "time", "train MSE"));
    if (hasTest) {
      s.append(String.format(Locale.ROOT, " %12s", "test MSE"));
    }
    if (hasAccuracy) {
      s.append(String.format(Locale.ROOT, " %10s", "train acc"));
      if (hasTest) {
        s.append(String.format(Locale.ROOT, " %10s", "test acc"));
      }
    }
    s.append('\n');
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-14s %12.6g", r.label(), r.trainMse()));
      if (hasTest) {
        s.append(String.format(Locale.ROOT, " %12.6g", r.testMse()));
      }
      if (hasAccuracy) {
        s.append(String.format(Locale.ROOT, " %9.2f%%", 100 * r.trainAcc()));
        if (hasTest) {
          s.append(String.format(Locale.ROOT, " %9.2f%%", 100 * r.testAcc()));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }
}
