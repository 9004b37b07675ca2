package org.ntk4j.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.ntk4j.kernel.ProgressListener;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return. It stays silent
 * unless stderr is a terminal and the work has already taken {@link #DELAY_NANOS}, so short
 * jobs and redirected output stay clean. Safe to call from worker threads.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
  static final long DELAY_NANOS = 2_000_000_000L;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final boolean enabled;
  private final LongSupplier clock;
  private final long start;
  private long lastDraw = Long.MIN_VALUE;
  private int drawnLength;

  ProgressBar(PrintWriter err, String label, boolean enabled, LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.enabled = enabled;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /** A bar that draws only when the JVM has a console (stdin and stdout are a terminal). */
  static ProgressBar forTerminal(PrintWriter err, String label) {
    return new ProgressBar(err, label, onTerminal(), System::nanoTime);
  }

  /**
   * Whether the JVM runs on a terminal: {@code System.console() != null} on Java 17–21; from
   * Java 22 a console exists even when output is redirected, and {@code Console.isTerminal()}
   * (looked up reflectively, as this code targets Java 17) tells.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void progress(long done, long total) {
    if (!enabled || total <= 0) {
      return;
    }
    long now = clock.getAsLong();
    if (now - start < DELAY_NANOS) {
      return;
    }
    synchronized (this) {
      if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
        return;
      }
      lastDraw = now;
      draw(done, total, now - start);
    }
  }

  private void draw(long done, long total, long elapsedNanos) {
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    String eta = done == 0 ? "?" : seconds((long) (elapsedNanos * ((double) (total - done)
        / done)));
    String line = String.format(Locale.ROOT, "%s [%s%s] %3d%%  %s/%s entries  ETA %s", label,
        "=".repeat(filled), " ".repeat(WIDTH - filled), (int) (fraction * 100), count(done),
        count(total), eta);
    String pad = " ".repeat(Math.max(0, drawnLength - line.length()));
    err.print("\r" + line + pad);
    err.flush();
    drawnLength = line.length();
  }

  /** Erases the bar, if one was drawn, so the next output starts on a clean line. */
  @Override
  public synchronized void close() {
    if (drawnLength > 0) {
      err.print("\r" + " ".repeat(drawnLength) + "\r");
      err.flush();
      drawnLength = 0;
    }
  }

  static String count(long n) {
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    if (n >= 10_000L) {
      return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    }
    return Long.toString(n);
  }

  private static String seconds(long nanos) {
    long s = Math.round(nanos / 1e9);
    return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
  }
}
