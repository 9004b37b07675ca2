package org.ntk4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ntk4j.io.AtomicFiles;

/**
 * Draws the table against time as a PNG (XChart): MSE, and accuracy beside it when known, on a
 * logarithmic time axis. A log axis has no 0 and no ∞, so t = 0 is drawn one decade left of the
 * smallest positive time and t = ∞ one decade right of the largest, and the axis title says so.
 */
final class PredictionPlot {
  private PredictionPlot() {}

  /** Renders the plot into a channel writer (for an atomic write with the other outputs). */
  static AtomicFiles.ChannelWriter writer(PredictionTable table, String timeName) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    List<PredictionTable.Row> rows = table.rows();
    double[] x = positions(rows);
    String xTitle = timeName + " (log scale" + edgeNote(rows, x) + ")";
    List<XYChart> charts = new ArrayList<>();
    XYChart mse = chart("MSE against " + timeName, xTitle, "MSE", Styler.LegendPosition.InsideNE);
    add(mse, "train", x, rows, PredictionTable.Row::trainMse);
    if (table.hasTest()) {
      add(mse, "test", x, rows, PredictionTable.Row::testMse);
    }
    charts.add(mse);
    if (table.hasAccuracy()) {
      XYChart acc = chart("accuracy against " + timeName, xTitle, "accuracy",
          Styler.LegendPosition.InsideSE);
      add(acc, "train", x, rows, PredictionTable.Row::trainAcc);
      if (table.hasTest()) {
        add(acc, "test", x, rows, PredictionTable.Row::testAcc);
      }
      charts.add(acc);
    }
    return AtomicFiles.channelWriter(out -> save(charts, out));
  }

  private static void save(List<XYChart> charts, OutputStream out) throws IOException {
    BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart chart(String title, String xTitle, String yTitle,
      Styler.LegendPosition legend) {
    XYChart c = new XYChartBuilder().width(640).height(440).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setLegendPosition(legend);
    return c;
  }

  private static void add(XYChart c, String name, double[] x, List<PredictionTable.Row> rows,
      ToDoubleFunction<PredictionTable.Row> value) {
    Integer[] order = sortedBy(x);
    double[] xs = new double[x.length];
    double[] ys = new double[x.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]];
      ys[i] = value.applyAsDouble(rows.get(order[i]));
    }
    XYSeries s = c.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.CIRCLE);
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
