package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ResultTable;

/**
 * Draws the table against time as a PNG (XChart): MSE, and accuracy beside it when known, on a
 * logarithmic time axis. A log axis has no 0 and no ∞, so t = 0 is drawn one decade left of the
 * smallest positive time and t = ∞ one decade right of the largest, and the axis title says so.
 */
final class PredictionPlot {
  private PredictionPlot() {}

  /**
   * Renders the plot into a channel writer (for an atomic write with the other outputs).
   *
   * @param times the time (or step count) of each row of {@code table}
   */
  static AtomicFiles.ChannelWriter writer(ResultTable table, double[] times, String timeName) {
    double[] x = positions(times);
    String xTitle = timeName + " (log scale" + edgeNote(times, x) + ")";
    List<Plot> panels = new ArrayList<>();
    Plot mse = new Plot("MSE against " + timeName, xTitle, "MSE").logX();
    add(mse, "train", x, table.column(PredictionTable.TRAIN_MSE));
    if (table.hasColumn(PredictionTable.TEST_MSE)) {
      add(mse, "test", x, table.column(PredictionTable.TEST_MSE));
    }
    panels.add(mse);
    if (table.hasColumn(PredictionTable.TRAIN_ACC)) {
      Plot acc = new Plot("accuracy against " + timeName, xTitle, "accuracy").logX()
          .legendInsideSE();
      add(acc, "train", x, table.column(PredictionTable.TRAIN_ACC));
      if (table.hasColumn(PredictionTable.TEST_ACC)) {
        add(acc, "test", x, table.column(PredictionTable.TEST_ACC));
      }
      panels.add(acc);
    }
    return Plot.writer(panels);
  }

  private static void add(Plot p, String name, double[] x, double[] y) {
    Integer[] order = sortedBy(x);
    double[] xs = new double[x.length];
    double[] ys = new double[x.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]];
      ys[i] = y[order[i]];
    }
    p.line(name, xs, ys);
  }

  private static Integer[] sortedBy(double[] x) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    return order;
  }

  /** x positions: the time itself, or a decade beyond the finite positive range for 0 and ∞. */
  static double[] positions(double[] times) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double t : times) {
      if (t > 0 && Double.isFinite(t)) {
        min = Math.min(min, t);
        max = Math.max(max, t);
      }
    }
    if (max == 0) {
      min = 1;
      max = 1;
    }
    double[] x = new double[times.length];
    for (int i = 0; i < x.length; i++) {
      double t = times[i];
      x[i] = t == 0 ? min / 10 : Double.isInfinite(t) ? max * 10 : t;
    }
    return x;
  }

  private static String edgeNote(double[] times, double[] x) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      double t = times[i];
      if ((t == 0 || Double.isInfinite(t)) && s.indexOf(t == 0 ? "0 at" : "inf at") < 0) {
        s.append(String.format(Locale.ROOT, "; %s at %.3g", t == 0 ? "0" : "inf", x[i]));
      }
    }
    return s.toString();
  }
}
