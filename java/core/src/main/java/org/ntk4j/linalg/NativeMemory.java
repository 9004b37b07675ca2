package org.ntk4j.linalg;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Native memory off the Java heap, from the C allocator through JavaCPP. Blocks are taken with
 * {@code calloc} and given back with {@code free} by their owner ({@link Matrix#close()}, or a
 * cleaner once the matrix is unreachable), not through JavaCPP's tracked allocations, whose
 * default ceilings ({@code maxBytes} = the heap's -Xmx, {@code maxPhysicalBytes} = 4 × -Xmx)
 * would refuse a kernel matrix larger than the heap. What is held is counted here so that a
 * memory plan can see it.
 */
public final class NativeMemory {
  private static final AtomicLong HELD = new AtomicLong();
  private static volatile Optional<String> unavailable;

  private NativeMemory() {}

  /** Why native memory cannot be had here (JavaCPP's natives do not load), or empty. */
  public static Optional<String> unavailableReason() {
    Optional<String> u = unavailable;
    if (u == null) {
      synchronized (NativeMemory.class) {
        if (unavailable == null) {
          unavailable = probe();
        }
        u = unavailable;
      }
    }
    return u;
  }

  public static boolean available() {
    return unavailableReason().isEmpty();
  }

  private static Optional<String> probe() {
    try {
      Pointer.free(Pointer.malloc(8));
      return Optional.empty();
    } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
      return Optional.of("JavaCPP's native library does not load (" + e + ")");
    }
  }

  /** Bytes of native memory the library holds now. */
  public static long heldBytes() {
    return HELD.get();
  }

  /**
   * The physical memory the operating system can still give (free plus reclaimable caches), or
   * -1 when it cannot be read.
   */
  public static long availablePhysicalBytes() {
    return available() ? Pointer.availablePhysicalBytes() : -1;
  }

  /** All physical memory of the machine, or -1 when it cannot be read. */
  public static long totalPhysicalBytes() {
    return available() ? Pointer.totalPhysicalBytes() : -1;
  }

  /**
   * {@code bytes} of zeroed native memory; its address. Large blocks come as fresh pages from
   * the operating system, so untouched parts cost no physical memory.
   *
   * @throws OutOfMemoryError naming the size when the allocator refuses
   */
  static long allocate(long bytes) {
    if (!available()) {
      throw new IllegalStateException("native memory is not available here: "
          + unavailableReason().get());
    }
    Pointer p = Pointer.calloc(Math.max(1, bytes), 1);
    if (p == null || p.isNull()) {
      throw new OutOfMemoryError("cannot allocate " + Pointer.formatBytes(bytes)
          + " of native memory (" + Pointer.formatBytes(availablePhysicalBytes())
          + " available)");
    }
    HELD.addAndGet(bytes);
    return p.address();
  }

  static void free(long address, long bytes) {
    Pointer.free(rawPointer(address));
    HELD.addAndGet(-bytes);
  }

  /** A JavaCPP byte pointer at {@code address}, owning nothing. */
  static Pointer rawPointer(long address) {
    return new RawPointer(address);
  }

  /** A JavaCPP pointer at a given address (JavaCPP's own constructors do not take one). */
  private static final class RawPointer extends Pointer {
    RawPointer(long address) {
      this.address = address;
    }
  }
}
