package org.ntk4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.krylov.SolverListener;
import org.ntk4j.report.Plot;
import org.ntk4j.report.ProgressBar;

/**
 * Shows the iterative solvers' progress on the progress bar (iteration and error; the bar fills
 * as log(error) approaches log(tolerance)) and records every iteration for the convergence plot.
 */
final class SolverProgress implements SolverListener, AutoCloseable {
  private static final int STEPS = 1000;

  private final ProgressBar bar;
  private final Map<String, List<double[]>> history = new LinkedHashMap<>();

  SolverProgress(PrintWriter err) {
    this.bar = ProgressBar.onStderr(err, "solve", "", STEPS);
  }

  @Override
  public synchronized void iteration(String method, int iteration, double error,
      double tolerance) {
    history.computeIfAbsent(method, m -> new ArrayList<>()).add(new double[] {iteration, error});
    double fraction = error > 0 && Double.isFinite(error)
        ? Math.log(error) / Math.log(tolerance) : error == 0 ? 1 : 0;
    bar.progress(Math.round(STEPS * Math.max(0, Math.min(1, fraction))), STEPS);
    bar.note(String.format(Locale.ROOT, "%s, iteration %d, error %.1e", method, iteration,
        error));
  }

  /** Error against iteration for every method that ran (log scale), as a PNG writer. */
  synchronized AtomicFiles.ChannelWriter plot() {
    // A prediction with nothing to solve (t = inf with no test set) iterates not at all.
    Plot p = new Plot(history.isEmpty() ? "convergence: no solver iterated (nothing to solve)"
        : "convergence", "iteration (block products)", "relative error").logY();
    history.forEach((method, points) -> {
      List<double[]> finite = points.stream()
          .filter(q -> q[1] > 0 && Double.isFinite(q[1])).toList();
      if (!finite.isEmpty()) {
        p.line(method, finite.stream().mapToDouble(q -> q[0]).toArray(),
            finite.stream().mapToDouble(q -> q[1]).toArray());
      }
    });
    return Plot.writer(List.of(p));
  }

  @Override
  public void close() {
    bar.close();
  }
}
