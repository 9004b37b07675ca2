package org.ntk4j.linalg;

import org.bytedeco.openblas.global.openblas_full;

/**
 * How many threads OpenBLAS runs: every core, or the number the user gives with the system
 * property {@code ntk4j.blas.threads} or the environment variable {@code NTK4J_BLAS_THREADS}.
 *
 * <p>Why a user may want fewer: OpenBLAS's threads spin-wait at each synchronization, and on a
 * machine whose cores are already busy with other work a wait can last a scheduler time slice
 * (dpotrf at n = 10000 took 22–28 s on two threads against 10–15 s on one, 2-core build
 * machine at load average 9). The library does not guess this from the load average: its own
 * kernel threads raise it, and it lags by a minute, so a long job on an idle machine would then
 * factor on one core.
 */
final class BlasThreads {
  static final String PROPERTY = "ntk4j.blas.threads";
  static final String ENVIRONMENT = "NTK4J_BLAS_THREADS";
  private static int current = -1;

  private BlasThreads() {}

  /** Sets OpenBLAS's thread count before a large call (a native call only when it changes). */
  static synchronized void adapt() {
    int wanted = wanted(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT),
        Runtime.getRuntime().availableProcessors());
    if (wanted != current) {
      openblas_full.openblas_set_num_threads(wanted);
      current = wanted;
    }
  }

  /** The property, else the environment variable, else every core; unusable values ignored. */
  static int wanted(String property, String environment, int cores) {
    for (String v : new String[] {property, environment}) {
      if (v != null) {
        try {
          int n = Integer.parseInt(v.strip());
          if (n >= 1) {
            return n;
          }
        } catch (NumberFormatException e) {
          // not a count: fall through to the next source
        }
      }
    }
    return cores;
  }
}
