package org.ntk4j.backend.device;

/**
 * The shape of a launch: how many work-groups (CUDA: thread blocks) along each of one to three
 * dimensions, and how many work-items (threads) each group has along each.
 */
public final class Grid {
  private final long[] groups;
  private final int[] groupSize;

  private Grid(long[] groups, int[] groupSize) {
    this.groups = groups;
    this.groupSize = groupSize;
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
}
