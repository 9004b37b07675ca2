package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;

/** How a Spark kernel operator's panels are laid out: cached when they fit, else recomputed. */
class PanelPlanTest {
  private static final long MB = 1 << 20;

  /** {@code count} executors of {@code heap} MB with Spark's default 60% of storage memory. */
  private static PanelPlan.Executors executors(int count, long heapMb, int tasks) {
    long storage = (heapMb - 300) * MB * 6 / 10;
    return new PanelPlan.Executors(count, storage,
        new TilePlan.ExecutorMemory(heapMb * MB, tasks, "test"));
  }

  @Test
  void theAutomaticHeightGivesEachSlotFourPanels() {
    // N = 3000 on 2 slots: 8 panels wanted, 375 rows each, rounded up to 384: 8 panels.
    PanelPlan.Choice c = PanelPlan.choose(3000, 3000, Precision.FLOAT64, 0, 2, 0,
        PanelStorage.AUTO, executors(1, 4096, 2));
    assertEquals(384, c.height());
    assertEquals(8, c.panels());
    assertTrue(c.cached(), c.reason());
    assertTrue(c.reason().startsWith("8 row panels of 384 rows on 1 executor, cached in their"
        + " memory: 70 MB of panels and inputs per executor"), c.reason());
    // Fewer rows than one aligned panel: one panel of all of them.
    assertEquals(1, PanelPlan.choose(50, 50, Precision.FLOAT64, 0, 8, 0, PanelStorage.AUTO,
        executors(1, 1024, 2)).panels());
  }

  @Test
  void panelsThatDoNotFitAreRecomputedOrRefusedWhenCachingWasAsked() {
    // N = 20000 float64 over 2 executors of 1 GB: 21 of 40 panels of 512 rows each (half and
    // one for unevenness), 1641 MB, against 434 MB of storage memory.
    PanelPlan.Executors two = executors(2, 1024, 1);
    PanelPlan.Choice auto = PanelPlan.choose(20_000, 20_000, Precision.FLOAT64, 0, 10, 0,
        PanelStorage.AUTO, two);
    assertFalse(auto.cached());
    assertTrue(auto.reason().contains("recomputed for every product, as caching would not"
        + " fit: 1641 MB of panels and inputs per executor"), auto.reason());
    InvalidInputException refused = assertThrows(InvalidInputException.class,
        () -> PanelPlan.choose(20_000, 20_000, Precision.FLOAT64, 0, 10, 0, PanelStorage.CACHED,
            two));
    assertTrue(refused.getMessage().contains("434 MB of storage memory")
        && refused.getMessage().contains("--recompute-kernel"), refused.getMessage());
    // Sixteen executors hold it: 4 of 40 panels each, 313 MB.
    assertTrue(PanelPlan.choose(20_000, 20_000, Precision.FLOAT64, 0, 10, 0, PanelStorage.AUTO,
        executors(16, 1024, 1)).cached());
    assertEquals("40 row panels of 512 rows on 2 executors, recomputed for every product (as"
        + " asked)", PanelPlan.choose(20_000, 20_000, Precision.FLOAT32, 0, 10, 0,
            PanelStorage.RECOMPUTED, two).reason());
  }

  @Test
  void aPanelWhoseComputationDoesNotFitBesideTheStorageMemoryIsNotCached() {
    // 600 MB executors with 4 tasks: 2 float32 panels of 1024 rows (160 MB) fit their 180 MB
    // of storage memory, but computing one takes 2 x 156 MB in float64, four at once, against
    // the 120 MB beside it.
    PanelPlan.Choice c = PanelPlan.choose(20_000, 20_000, Precision.FLOAT32, 0, 1, 1024,
        PanelStorage.AUTO, executors(64, 600, 4));
    assertFalse(c.cached(), c.reason());
  }

  @Test
  void theAutomaticHeightShrinksUntilAPanelCanBeComputedBesideTheCache() {
    // The same executors, height chosen: 4 panels per slot would be 5056 rows (4 tasks x 2 x
    // 771 MB to compute, against 120 MB); halved (to multiples of 64) through 2528, 1264, 632,
    // 320, 192 and 128 rows (156 MB) to 64 rows (78 MB): cached, 313 panels, 6 per executor.
    PanelPlan.Choice c = PanelPlan.choose(20_000, 20_000, Precision.FLOAT32, 0, 1, 0,
        PanelStorage.AUTO, executors(64, 600, 4));
    assertTrue(c.cached(), c.reason());
    assertEquals(64, c.height());
    assertEquals(313, c.panels());
  }

  @Test
  void badHeightsAndInputsTooLargeForTheExecutorsAreRefused() {
    InvalidInputException height = assertThrows(InvalidInputException.class,
        () -> PanelPlan.choose(3000, 3000, Precision.FLOAT64, 0, 2, 100, PanelStorage.AUTO,
            executors(1, 1024, 2)));
    assertEquals("--spark-tile (the rows of a kernel panel) must be a multiple of 64, got 100",
        height.getMessage());
    InvalidInputException inputs = assertThrows(InvalidInputException.class,
        () -> PanelPlan.choose(3000, 3000, Precision.FLOAT64, 400 * MB, 2, 0, PanelStorage.AUTO,
            executors(1, 1024, 2)));
    assertTrue(inputs.getMessage().startsWith("the inputs need 800 MB on every executor"),
        inputs.getMessage());
  }
}
