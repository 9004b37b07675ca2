package org.ntk4j.report;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.ntk4j.kernel.ProgressListener;

/**
 * The one progress display of every long command. On a terminal it is a line on stderr redrawn
 * in place ({@code kernel [=====     ]  25%  2.5M/10.0M entries  ETA 12 s}); when stderr is not
 * a terminal (a log, a pipe) it writes a plain line at most once a minute, so a long job still
 * shows that it is alive and a short one writes nothing. It stays silent for the first
 * {@link #DELAY_NANOS} either way. Safe to call from worker threads.
 *
 * <p>Work is counted either absolutely ({@link #progress(long, long)}, as the kernel backends
 * report it) or in steps against the total given at creation ({@link #step(long, String)}).
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {
  static final long DELAY_NANOS = 2_000_000_000L;
  static final long REDRAW_NANOS = 100_000_000L;
  static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
  private static final int WIDTH = 30;

  /** Where the bar goes: redrawn in place, plain occasional lines, or nowhere. */
  enum Mode { TERMINAL, LOG, QUIET }

  private final PrintWriter err;
  private final String label;
  private final String unit;
  private final Mode mode;
  private final LongSupplier clock;
  private final long start;
  private long done;
  private long total;
  private String note = "";
  private long lastDraw = Long.MIN_VALUE;
  private int drawnLength;

  ProgressBar(PrintWriter err, String label, String unit, long total, Mode mode,
      LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.mode = mode;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /**
   * A bar on {@code err} for work counted in {@code unit} (e.g. "entries"; empty for steps),
   * {@code total} of it (0 when {@link #progress} will tell), drawn in place on a terminal and as
   * occasional lines otherwise.
   */
  public static ProgressBar onStderr(PrintWriter err, String label, String unit, long total) {
    return new ProgressBar(err, label, unit, total, onTerminal() ? Mode.TERMINAL : Mode.LOG,
        System::nanoTime);
  }

  /** A bar that shows nothing (for {@code --quiet}). */
  public static ProgressBar quiet() {
    return new ProgressBar(new PrintWriter(PrintWriter.nullWriter()), "", "", 0, Mode.QUIET,
        System::nanoTime);
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
  public synchronized void progress(long done, long total) {
    this.done = done;
    this.total = total;
    maybeDraw();
  }

  /** Advances by {@code units} of the total and shows {@code note} beside the bar. */
  public synchronized void step(long units, String note) {
    done = Math.min(total, done + units);
    this.note = note;
    maybeDraw();
  }

  /** Shows a new note without advancing. */
  public synchronized void note(String note) {
    this.note = note;
    maybeDraw();
  }

  private void maybeDraw() {
    if (mode == Mode.QUIET || total <= 0) {
      return;
    }
    long now = clock.getAsLong();
    if (now - start < DELAY_NANOS) {
      return;
    }
    long interval = mode == Mode.TERMINAL ? REDRAW_NANOS : LOG_INTERVAL_NANOS;
    if (lastDraw != Long.MIN_VALUE && now - lastDraw < interval
        && (mode == Mode.LOG || done < total)) {
      return;
    }
    lastDraw = now;
    String line = line(now - start);
    if (mode == Mode.TERMINAL) {
      err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
      drawnLength = line.length();
    } else {
      err.println(line);
    }
    err.flush();
  }

  private String line(long elapsedNanos) {
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    String eta = done == 0 ? "?" : seconds((long) (elapsedNanos * ((double) (total - done)
        / done)));
    String counts = unit.isEmpty() ? "" : "  " + count(done) + "/" + count(total) + " " + unit;
    String bar = mode == Mode.TERMINAL
        ? " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "]" : "";
    return String.format(Locale.ROOT, "%s%s %3d%%%s  ETA %s%s", label, bar,
        (int) (fraction * 100), counts, eta, note.isEmpty() ? "" : "  " + note);
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

  /** A short count: 999, 12k, 3.2M, 40.0G. */
  public static String count(long n) {
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
