package org.ntk4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final StringWriter text = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000);

  private ProgressBar bar(ProgressBar.Mode mode, String unit, long total) {
    return new ProgressBar(new PrintWriter(text), "kernel", unit, total, mode, now::get);
  }

  @Test
  void staysSilentForShortWork() {
    try (ProgressBar bar = bar(ProgressBar.Mode.TERMINAL, "entries", 0)) {
      now.addAndGet(ProgressBar.DELAY_NANOS - 1);
      bar.progress(10, 100);
      bar.progress(100, 100);
    }
    assertEquals("", text.toString());
  }

  @Test
  void drawsInPlaceOnATerminalAfterTheDelayWithAnEtaAndClearsAtTheEnd() {
    ProgressBar bar = bar(ProgressBar.Mode.TERMINAL, "entries", 0);
    now.addAndGet(4_000_000_000L);
    bar.progress(2_500_000, 10_000_000);
    String line = text.toString();
    assertTrue(line.startsWith("\rkernel [======="), line);
    assertTrue(line.contains("  25%  2.5M/10.0M entries  ETA 12 s"), line);
    now.addAndGet(1_000_000);
    bar.progress(2_600_000, 10_000_000); // within the redraw interval: skipped
    assertEquals(line, text.toString());
    now.addAndGet(200_000_000);
    bar.progress(10_000_000, 10_000_000);
    assertTrue(text.toString().contains("100%"), text.toString());
    assertFalse(text.toString().contains("\n"), text.toString());
    bar.close();
    assertTrue(text.toString().endsWith("\r"), text.toString());
  }

  @Test
  void writesOccasionalPlainLinesWhenStderrIsNotATerminal() {
    ProgressBar bar = bar(ProgressBar.Mode.LOG, "", 100);
    now.addAndGet(ProgressBar.DELAY_NANOS);
    for (int i = 0; i < 100; i++) {
      now.addAndGet(ProgressBar.LOG_INTERVAL_NANOS / 40); // 100 steps over 2.5 minutes
      bar.step(1, "width " + i);
    }
    bar.close();
    String[] lines = text.toString().split("\n");
    assertEquals(3, lines.length, text.toString());
    assertTrue(lines[0].startsWith("kernel   1%  ETA "), lines[0]);
    assertTrue(lines[0].endsWith("  width 0"), lines[0]);
    assertFalse(text.toString().contains("\r"), text.toString());
  }

  @Test
  void stepsCountAgainstTheTotalAndNotesShow() {
    ProgressBar bar = bar(ProgressBar.Mode.TERMINAL, "", 10);
    now.addAndGet(ProgressBar.DELAY_NANOS);
    bar.step(5, "half");
    assertTrue(text.toString().contains("  50%  ETA ") && text.toString().endsWith("  half"),
        text.toString());
    bar.step(50, "past the end");
    assertTrue(text.toString().contains("100%"), text.toString());
  }

  @Test
  void quietDrawsNothing() {
    try (ProgressBar bar = ProgressBar.quiet()) {
      bar.progress(50, 100);
      bar.step(1, "x");
    }
    ProgressBar bar = bar(ProgressBar.Mode.QUIET, "entries", 0);
    now.addAndGet(10 * ProgressBar.DELAY_NANOS);
    bar.progress(50, 100);
    assertEquals("", text.toString());
  }

  @Test
  void testsRunWithoutATerminal() {
    // Surefire pipes the forked JVM's streams: no bar may be drawn in place into the reports.
    assertFalse(ProgressBar.onTerminal());
  }

  @Test
  void countsAreShort() {
    assertEquals("999", ProgressBar.count(999));
    assertEquals("12k", ProgressBar.count(12_345));
    assertEquals("3.2M", ProgressBar.count(3_229_209));
    assertEquals("40.0G", ProgressBar.count(40_000_000_000L));
  }
}
