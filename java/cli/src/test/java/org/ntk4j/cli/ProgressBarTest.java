package org.ntk4j.cli;

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

  private ProgressBar bar(boolean enabled) {
    return new ProgressBar(new PrintWriter(text), "kernel", enabled, now::get);
  }

  @Test
  void staysSilentForShortWork() {
    try (ProgressBar bar = bar(true)) {
      now.addAndGet(ProgressBar.DELAY_NANOS - 1);
      bar.progress(10, 100);
      bar.progress(100, 100);
    }
    assertEquals("", text.toString());
  }

  @Test
  void drawsInPlaceAfterTheDelayWithAnEtaAndClearsAtTheEnd() {
    ProgressBar bar = bar(true);
    now.addAndGet(4_000_000_000L);
    bar.progress(2_500_000, 10_000_000);
    String line = text.toString();
    assertTrue(line.startsWith("\rkernel [======="), line);
    assertTrue(line.contains(" 25%  2.5M/10.0M entries  ETA 12 s"), line);
    now.addAndGet(1_000_000);
    bar.progress(2_600_000, 10_000_000); // within the redraw interval: skipped
    assertEquals(line, text.toString());
    now.addAndGet(200_000_000);
    bar.progress(10_000_000, 10_000_000);
    assertTrue(text.toString().contains("100%"), text.toString());
    bar.close();
    assertTrue(text.toString().endsWith("\r"), text.toString());
  }

  @Test
  void drawsNothingWithoutATerminal() {
    try (ProgressBar bar = bar(false)) {
      now.addAndGet(10 * ProgressBar.DELAY_NANOS);
      bar.progress(50, 100);
    }
    assertEquals("", text.toString());
  }

  @Test
  void testsRunWithoutATerminal() {
    // Surefire pipes the forked JVM's streams: no bar may be drawn into the reports.
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
