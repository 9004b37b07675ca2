package org.ntk4j.backend.device;

/**
 * The shape of a launch: how many work-groups (CUDA: thread blocks) along each of one to three
 * dimensions, and how many work-items (threads) each group has along each; or, for a kernel
 * that neither shares local memory nor synchronizes, just how many work-items, grouped as the
 * runtime prefers ({@link #independent(long)}).
 */
public final class Grid {
  private final long[] groups;
  private final int[] groupSize;
  private final boolean runtimeGroups;

  private Grid(long[] groups, int[] groupSize, boolean runtimeGroups) {
    this.groups = groups;
    this.groupSize = groupSize;
    this.runtimeGroups = runtimeGroups;
  }

  private Grid(long[] groups, int[] groupSize) {
    this(groups, groupSize, false);
  }

  /**
   * At least {@code itemsX} work-items (or {@code itemsX × itemsY}) that share nothing (no
   * local memory, no barriers), grouped as the runtime chooses: OpenCL lets the implementation
   * pick; runtimes that must be told (CUDA) use the groups given here, 256 work-items in one
   * dimension, 16 × 16 in two. The kernel checks its bounds.
   */
  public static Grid independent(long itemsX) {
    return new Grid(new long[] {groupsFor(itemsX, 256)}, new int[] {256}, true);
  }

  /** See {@link #independent(long)}. */
  public static Grid independent(long itemsX, long itemsY) {
    return new Grid(new long[] {groupsFor(itemsX, 16), groupsFor(itemsY, 16)},
        new int[] {16, 16}, true);
  }

  /** One dimension: groups of {@code groupSize}, enough to cover {@code items} (at least one). */
  public static Grid covering(long items, int groupSize) {
    return new Grid(new long[] {groupsFor(items, groupSize)}, new int[] {groupSize});
  }

  /** Two dimensions: enough groups of {@code sizeX × sizeY} to cover {@code itemsX × itemsY}. */
  public static Grid covering(long itemsX, long itemsY, int sizeX, int sizeY) {
    return groups(groupsFor(itemsX, sizeX), groupsFor(itemsY, sizeY), sizeX, sizeY);
  }

  /** Two dimensions: {@code groupsX × groupsY} groups of {@code sizeX × sizeY}. */
  public static Grid groups(long groupsX, long groupsY, int sizeX, int sizeY) {
    return new Grid(new long[] {groupsX, groupsY}, new int[] {sizeX, sizeY});
  }

  private static long groupsFor(long items, int size) {
    return Math.max(1, (items + size - 1) / size);
  }

  public int dimensions() {
    return groups.length;
  }

  /** Work-groups along dimension {@code d}. */
  public long groups(int d) {
    return groups[d];
  }

  /** Work-items per group along dimension {@code d}. */
  public int groupSize(int d) {
    return groupSize[d];
  }

  /** Work-items along dimension {@code d} in all (OpenCL's global size). */
  public long items(int d) {
    return groups[d] * groupSize[d];
  }

  /** Whether the runtime may group the work-items as it likes ({@link #independent(long)}). */
  public boolean runtimeGroups() {
    return runtimeGroups;
  }
}
