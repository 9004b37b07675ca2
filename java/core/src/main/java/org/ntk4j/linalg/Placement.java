package org.ntk4j.linalg;

/** Where a {@link Matrix}'s values live. */
public enum Placement {
  /** A Java array on the heap: at most 2³¹ − 9 values, counted against -Xmx. */
  HEAP,
  /** Native memory off the heap (malloc through JavaCPP): any size the machine's RAM holds. */
  NATIVE,
  /** A memory-mapped file (e.g. a .npy), paged in and out by the operating system. */
  MAPPED
}
