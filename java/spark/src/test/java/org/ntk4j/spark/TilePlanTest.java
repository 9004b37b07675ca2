package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/** The tile edge of a Spark job: chosen to fit and to keep every task slot busy, or refused. */
class TilePlanTest {
  private static final long MB = 1 << 20;
  private static final Architecture NET = Architecture.parse("dense(1), relu(), dense(1)");

  private static TilePlan plan(int n, int d, long executorHeap, int tasks) {
    KernelRequest request = KernelRequest.symmetric(NET, Matrix.zeros(n, d));
    return new TilePlan(request, new TilePlan.ExecutorMemory(executorHeap, tasks, "test"),
        8192 * MB);
  }

  @Test
  void theAutomaticEdgeIsTheLargestGivingEachSlotFourTiles() {
    // N = 3000 on 2 slots: 8 tiles wanted; edge 960 gives 4 row blocks, 10 tiles (1024: 6).
    TilePlan p = plan(3000, 64, 4096 * MB, 2);
    assertEquals(960, p.edge(OptionalInt.empty(), 0, 2));
    assertEquals(10, p.tiles(960));
    // A large job on few slots: the CPU cap.
    assertEquals(TilePlan.MAX_AUTO_EDGE, plan(100_000, 64, 4096 * MB, 2)
        .edge(OptionalInt.empty(), 0, 2));
  }

  @Test
  void theAutomaticEdgeShrinksToFitTheExecutors() {
    // 512 MB executors running 4 tasks at once: 300 MB reserved and 2 x 12 MB of inputs leave
    // 47 MB per task of 2 kernels x 2 x E^2 x 8 B (and 2 x E x 16 x 8 B of rows): E <= 1236.
    assertEquals(1216, plan(100_000, 16, 512 * MB, 4).edge(OptionalInt.empty(), 0, 4));
  }

  @Test
  void anEdgeThatDoesNotFitIsRefusedWithTheNumbers() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> plan(100_000, 16, 512 * MB, 4).edge(OptionalInt.empty(), 4096, 4));
    assertTrue(e.getMessage().contains("tiles of edge 4096 need 513 MB per Spark task")
        && e.getMessage().contains("executors have 512 MB (test)"), e.getMessage());
    assertThrows(InvalidInputException.class,
        () -> plan(100_000, 16, 512 * MB, 4).edge(OptionalInt.of(4096), 0, 4));
  }

  @Test
  void inputsTooLargeForTheExecutorsAreRefused() {
    // 2 x 400k x 128 x 8 B of broadcast inputs: 780 MB on a 1 GB executor.
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> plan(400_000, 128, 1024 * MB, 1).edge(OptionalInt.empty(), 0, 1));
    assertTrue(e.getMessage().contains("the inputs 781 MB per executor"), e.getMessage());
  }

  @Test
  void anEdgeOffTheGridOfSixtyFourIsRefused() {
    assertThrows(InvalidInputException.class,
        () -> plan(3000, 64, 4096 * MB, 2).edge(OptionalInt.empty(), 100, 2));
    assertThrows(InvalidInputException.class,
        () -> plan(3000, 64, 4096 * MB, 2).edge(OptionalInt.empty(), 32768, 2));
  }

  @Test
  void aResumedOutputKeepsItsEdge() {
    assertEquals(500, plan(3000, 64, 4096 * MB, 2).edge(OptionalInt.of(500), 960, 2));
  }
}
