package org.ntk4j.experiments;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: {@code kernel-change [########......]  57%  width 512},
 * redrawn in place with a carriage return; {@link #QUIET} draws nothing.
 */
public class ProgressBar {
  public static final ProgressBar QUIET = new ProgressBar("", 1, null);
  private static final int BAR = 30;

  private final String label;
  private final long total;
  private final PrintStream out;
  private long done;
  private int lastDrawnPercent = -1;
  private String lastNote = "";

  public ProgressBar(String label, long total, PrintStream out) {
    this.label = label;
    this.total = Math.max(1, total);
    this.out = out;
  }

  /** A bar on {@code System.err}. */
  public static ProgressBar onStderr(String label, long total) {
    return new ProgressBar(label, total, System.err);
  }

  /** Advances by {@code units} and redraws when the percentage or the note changed. */
  public synchronized void step(long units, String note) {
    done = Math.min(total, done + units);
    draw(note);
  }

  /** Redraws with a new note without advancing. */
  public synchronized void note(String note) {
    draw(note);
  }

  private void draw(String note) {
    if (out == null) {
      return;
    }
    int percent = (int) (100 * done / total);
    if (percent == lastDrawnPercent && note.equals(lastNote)) {
      return;
    }
    lastDrawnPercent = percent;
    lastNote = note;
    int filled = (int) ((long) BAR * done / total);
    out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%%  %-40s", label, "#".repeat(filled),
        ".".repeat(BAR - filled), percent, note));
    out.flush();
  }

  /** Completes the bar and ends its line. */
  public synchronized void finish() {
    if (out == null) {
      return;
    }
    done = total;
    draw("done");
    out.println();
  }
}
