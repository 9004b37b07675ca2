package org.ntk4j.spark;

import java.io.UncheckedIOException;
import org.ntk4j.InvalidInputException;

/**
 * A failed Spark job as the library's users see failures: what a task refused (a backend that
 * cannot run on an executor, a work directory it cannot see) or could not write comes back as
 * that refusal; a job Spark gave up on without an exception from our code (executors lost more
 * often than {@code spark.task.maxFailures} allows) says so in one line; anything else is a bug.
 */
final class SparkFailures {
  private SparkFailures() {}

  /** @param kept what of the job is kept, for a job Spark gave up on */
  static RuntimeException translate(Throwable failure, String kept) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException refused) {
        return new InvalidInputException("a Spark task failed: " + refused.getMessage());
      }
      if (t instanceof UncheckedIOException io) {
        return io;
      }
    }
    String reason = firstLine(failure.getMessage());
    if (failure.getCause() == null) {
      return new InvalidInputException("the Spark job failed: " + reason + "; " + kept);
    }
    return new IllegalStateException("the Spark job failed: " + reason, failure);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
