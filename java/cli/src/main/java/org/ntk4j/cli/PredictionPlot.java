package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.report.Plot;

/**
 * Draws the table against time as a PNG (XChart): MSE, and accuracy beside it when known, on a
 * logarithmic time axis. A log axis has no 0 and no ∞, so t = 0 is drawn one decade left of the
 * smallest positive time and t = ∞ one decade right of the largest, and the axis title says so.
 */
final class PredictionPlot {
  private PredictionPlot() {}

  /** Renders the plot into a channel writer (for an atomic write with the other outputs). */
  static AtomicFiles.ChannelWriter writer(PredictionTable table, String timeName) {
    List<PredictionTable.Row> rows = table.rows();
    double[] x = positions(rows);
    String xTitle = timeName + " (log scale" + edgeNote(rows, x) + ")";
    List<Plot> panels = new ArrayList<>();
    Plot mse = new Plot("MSE against " + timeName, xTitle, "MSE").logX();
    add(mse, "train", x, rows, PredictionTable.Row::trainMse);
    if (table.hasTest()) {
      add(mse, "test", x, rows, PredictionTable.Row::testMse);
    }
    panels.add(mse);
    if (table.hasAccuracy()) {
      Plot acc = new Plot("accuracy against " + timeName, xTitle, "accuracy").logX()
          .legendInsideSE();
      add(acc, "train", x, rows, PredictionTable.Row::trainAcc);
      if (table.hasTest()) {
        add(acc, "test", x, rows, PredictionTable.Row::testAcc);
      }
      panels.add(acc);
    }
    return Plot.writer(panels);
  }

  private static void add(Plot p, String name, double[] x, List<PredictionTable.Row> rows,
      ToDoubleFunction<PredictionTable.Row> value) {
    Integer[] order = sortedBy(x);
    double[] xs = new double[x.length];
    double[] ys = new double[x.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]];
      ys[i] = value.applyAsDouble(rows.get(order[i]));
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
  static double[] positions(List<PredictionTable.Row> rows) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (PredictionTable.Row r : rows) {
      if (r.time() > 0 && Double.isFinite(r.time())) {
        min = Math.min(min, r.time());
        max = Math.max(max, r.time());
      }
    }
    if (max == 0) {
      min = 1;
      max = 1;
    }
    double[] x = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      double t = rows.get(i).time();
      x[i] = t == 0 ? min / 10 : Double.isInfinite(t) ? max * 10 : t;
    }
    return x;
  }

  private static String edgeNote(List<PredictionTable.Row> rows, double[] x) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      double t = rows.get(i).time();
      if ((t == 0 || Double.isInfinite(t)) && s.indexOf(t == 0 ? "0 at" : "inf at") < 0) {
        s.append(String.format(Locale.ROOT, "; %s at %.3g", t == 0 ? "0" : "inf", x[i]));
      }
    }
    return s.toString();
  }
}
