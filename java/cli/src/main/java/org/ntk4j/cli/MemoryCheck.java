package org.ntk4j.cli;

import java.util.Locale;
import org.ntk4j.InvalidInputException;

/**
 * Refuses, before any work, a kernel that cannot fit in memory, with the fix, rather than
 * failing minutes later with an OutOfMemoryError or an overflowing array size.
 */
final class MemoryCheck {
  /** The most elements a Java array can hold on common JVMs. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private MemoryCheck() {}

  /**
   * @param rows rows of each kernel matrix (X1 examples)
   * @param cols columns (X2 examples)
   * @param matrices how many n1×n2 float64 matrices are held at once
   * @param maxHeapBytes what the JVM may use (Runtime.maxMemory())
   */
  static void requireKernelsFit(long rows, long cols, int matrices, long maxHeapBytes) {
    long entries = rows * cols;
    if (entries > MAX_ARRAY) {
      throw new InvalidInputException(String.format(Locale.ROOT, "a (%d, %d) kernel has %d "
          + "entries, more than one in-memory matrix holds (%d); compute it in row blocks of "
          + "X1", rows, cols, entries, MAX_ARRAY));
    }
    long needed = entries * Double.BYTES * matrices;
    if (needed > maxHeapBytes) {
      long gib = (long) Math.ceil(needed * 1.25 / (1L << 30)) + 1;
      throw new InvalidInputException(String.format(Locale.ROOT, "the kernels need %.1f GiB "
          + "but Java may use only %.1f GiB; run java -Xmx%dg -jar ntk4j.jar ...",
          needed / (double) (1L << 30), maxHeapBytes / (double) (1L << 30), gib));
    }
  }
}
