package org.ntk4j.experiments;

import java.util.Arrays;
import java.util.TreeSet;

/** Steps at which training is observed: 0, the powers of two below the last, and the last. */
final class Checkpoints {
  private Checkpoints() {}

  static long[] upTo(int steps) {
    TreeSet<Long> s = new TreeSet<>();
    s.add(0L);
    for (long p = 1; p < steps; p *= 2) {
      s.add(p);
    }
    s.add((long) steps);
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  static int indexOf(long[] checkpoints, int step) {
    int i = Arrays.binarySearch(checkpoints, step);
    return i >= 0 ? i : -1;
  }

  static double[] asDoubles(long[] v) {
    return Arrays.stream(v).asDoubleStream().toArray();
  }
}
