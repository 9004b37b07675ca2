package org.ntk4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ntk4j.io.AtomicFiles;

/**
 * The one plot writer: line charts as PNG with XChart, headless, several panels side by side in
 * one file, written atomically like every other output.
 */
public final class Plot {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b),
      new Color(0x17becf)};

  private final XYChart chart;
  private int series;

  /** A panel of about 640×440 pixels with the given title and axis labels. */
  public Plot(String title, String xLabel, String yLabel) {
    chart = new XYChartBuilder().width(640).height(440).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    org.knowm.xchart.style.XYStyler s = chart.getStyler();
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(0xe0e0e0));
    s.setLegendBorderColor(new Color(0xc0c0c0));
  }

  public Plot logX() {
    chart.getStyler().setXAxisLogarithmic(true);
    return this;
  }

  public Plot logY() {
    chart.getStyler().setYAxisLogarithmic(true);
    return this;
  }

  public Plot legendOutside() {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    return this;
  }

  /** A line with markers. */
  public Plot line(String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(PALETTE[series % PALETTE.length]);
    s.setMarkerColor(PALETTE[series % PALETTE.length]);
    s.setMarker(SeriesMarkers.CIRCLE);
    series++;
    return this;
  }

  /** A dashed line without markers (references, theory). */
  public Plot dashed(String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(PALETTE[series % PALETTE.length]);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    series++;
    return this;
  }

  public Plot legendInsideSE() {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    return this;
  }

  XYChart chart() {
    return chart;
  }

  /** Writes this panel as a PNG, atomically (see {@link #writer(List)}). */
  public void writePng(Path file) {
    writePng(file, List.of(this));
  }

  /** The panels in one row, left to right, written atomically to {@code file}. */
  public static void writePng(Path file, List<Plot> panels) {
    try {
      AtomicFiles.write(file, writer(panels));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The panels as a PNG writer, for committing together with other outputs
   * ({@link AtomicFiles.Batch}): the file appears whole or not at all.
   */
  public static AtomicFiles.ChannelWriter writer(List<Plot> panels) {
    List<XYChart> charts = panels.stream().map(Plot::chart).toList();
    return AtomicFiles.channelWriter(out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(),
        out, BitmapEncoder.BitmapFormat.PNG));
  }
}
