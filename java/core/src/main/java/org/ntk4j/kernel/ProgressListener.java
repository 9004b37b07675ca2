package org.ntk4j.kernel;

/** Told how much of a long computation is done; called from worker threads. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> { };

  /** {@code done} of {@code total} kernel entries are finished. */
  void progress(long done, long total);
}
