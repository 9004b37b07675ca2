package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.Metrics;
import org.ntk4j.predict.PredictionResults;
import org.ntk4j.report.ResultTable;

/**
 * The per-time results of {@code predict} as a {@link ResultTable}: train (and test) MSE, and
 * accuracy for one-hot targets, one row per time labeled as the schedule prints it.
 */
final class PredictionTable {
  static final String TRAIN_MSE = "train MSE";
  static final String TEST_MSE = "test MSE";
  static final String TRAIN_ACC = "train acc";
  static final String TEST_ACC = "test acc";

  private PredictionTable() {}

  /**
   * @param yTest test targets, or null when not given (then only train columns)
   */
  static ResultTable of(PredictionResults r, Matrix yTrain, Matrix yTest) {
    boolean hasTest = yTest != null && r.testMean() != null;
    boolean accuracy = Metrics.isOneHot(yTrain) && (!hasTest || Metrics.isOneHot(yTest));
    List<String> columns = new ArrayList<>(List.of(TRAIN_MSE));
    if (hasTest) {
      columns.add(TEST_MSE);
    }
    if (accuracy) {
      columns.add(TRAIN_ACC);
      if (hasTest) {
        columns.add(TEST_ACC);
      }
    }
    ResultTable table = ResultTable.labeled("time", columns);
    if (accuracy) {
      table.percent(hasTest ? new String[] {TRAIN_ACC, TEST_ACC} : new String[] {TRAIN_ACC});
    }
    for (int i = 0; i < r.labels().size(); i++) {
      Matrix train = r.train().get(i);
      Matrix test = hasTest ? r.testMean().get(i) : null;
      List<Double> row = new ArrayList<>(List.of(Metrics.meanSquaredError(train, yTrain)));
      if (hasTest) {
        row.add(Metrics.meanSquaredError(test, yTest));
      }
      if (accuracy) {
        row.add(Metrics.accuracy(train, yTrain));
        if (hasTest) {
          row.add(Metrics.accuracy(test, yTest));
        }
      }
      table.add(r.labels().get(i), row.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return table;
  }
}
