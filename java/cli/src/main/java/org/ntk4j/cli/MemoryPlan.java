package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.NativeMemory;

/**
 * What a job will hold at its peak, item by item, on the Java heap and in native memory, and
 * the check of that against this machine before any work: the heap's limit (-Xmx) and the
 * physical memory the operating system can still give. A plan that does not fit is refused
 * with the numbers and the fixes, rather than failing halfway with an OutOfMemoryError.
 */
final class MemoryPlan {
  /** Physical memory left to the operating system, the JVM itself and other processes. */
  static final double PHYSICAL_RESERVE = 0.05;
  private static final double GIB = 1L << 30;

  /** One thing the job holds: what it is and its bytes, on the heap or not. */
  record Item(String what, long bytes, boolean heap) {}

  /** What the machine offers, in bytes. */
  record Machine(long heapFree, long heapMax, long physicalAvailable) {
    /** This JVM and machine now. */
    static Machine current() {
      Runtime rt = Runtime.getRuntime();
      long used = rt.totalMemory() - rt.freeMemory();
      return new Machine(rt.maxMemory() - used, rt.maxMemory(),
          NativeMemory.availablePhysicalBytes());
    }
  }

  private final List<Item> items = new ArrayList<>();

  MemoryPlan add(String what, long bytes, boolean heap) {
    if (bytes > 0) {
      items.add(new Item(what, bytes, heap));
    }
    return this;
  }

  List<Item> items() {
    return List.copyOf(items);
  }

  long heapBytes() {
    return items.stream().filter(Item::heap).mapToLong(Item::bytes).sum();
  }

  long totalBytes() {
    return items.stream().mapToLong(Item::bytes).sum();
  }

  /** Whether the plan fits {@code m}. */
  boolean fits(Machine m) {
    return shortfall(m) == null;
  }

  /**
   * Refuses a plan that does not fit {@code m}.
   *
   * @param fixes what the user can do, in order (e.g. "use at most 26000 training examples")
   */
  void require(Machine m, List<String> fixes) {
    String shortfall = shortfall(m);
    if (shortfall != null) {
      throw new InvalidInputException(String.format(Locale.ROOT, "this job needs %.1f GiB (%s)"
          + " but %s: %s", totalBytes() / GIB, describe(), shortfall, String.join("; or ",
          fixes)));
    }
  }

  /** Why the plan does not fit, or null. */
  private String shortfall(Machine m) {
    if (heapBytes() > m.heapFree()) {
      return String.format(Locale.ROOT, "only %.1f GiB of the Java heap (-Xmx %.1f GiB) is free"
          + " for its %.1f GiB on the heap", m.heapFree() / GIB, m.heapMax() / GIB,
          heapBytes() / GIB);
    }
    if (m.physicalAvailable() >= 0) {
      long usable = (long) (m.physicalAvailable() * (1 - PHYSICAL_RESERVE));
      if (totalBytes() > usable) {
        return String.format(Locale.ROOT, "this machine has %.1f GiB of memory available",
            m.physicalAvailable() / GIB);
      }
    }
    return null;
  }

  private String describe() {
    List<String> parts = new ArrayList<>();
    for (Item i : items) {
      parts.add(String.format(Locale.ROOT, "%s %.2f GiB%s", i.what(), i.bytes() / GIB,
          i.heap() ? " on the heap" : ""));
    }
    return String.join(", ", parts);
  }
}
