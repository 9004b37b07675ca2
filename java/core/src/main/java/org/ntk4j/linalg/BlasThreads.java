package org.ntk4j.linalg;

import java.lang.management.ManagementFactory;
import org.bytedeco.openblas.global.openblas_full;

/**
 * How many threads OpenBLAS runs, chosen before each large call: every core, unless the
 * machine is oversubscribed (a 1-minute load average of at least one runnable thread per core),
 * then one. OpenBLAS's threads spin-wait at each synchronization; on an oversubscribed machine
 * a wait can last a scheduler time slice, and dpotrf at n = 10000 took 22–28 s on two threads
 * against 10–15 s on one (2-core build machine, load average 9).
 */
final class BlasThreads {
  private static int current = -1;

  private BlasThreads() {}

  /** Sets OpenBLAS's thread count for the machine's load now. */
  static synchronized void adapt() {
    int cores = Runtime.getRuntime().availableProcessors();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int wanted = load >= cores ? 1 : cores;
    if (wanted != current) {
      openblas_full.openblas_set_num_threads(wanted);
      current = wanted;
    }
  }
}
