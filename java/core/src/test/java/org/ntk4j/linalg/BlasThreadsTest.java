package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlasThreadsTest {
  @Test
  void everyCoreUnlessTheUserSaysOtherwise() {
    assertEquals(2, BlasThreads.wanted(null, null, 2));
    assertEquals(1, BlasThreads.wanted("1", "3", 2));
    assertEquals(3, BlasThreads.wanted(null, " 3 ", 2));
  }

  @Test
  void unusableCountsAreIgnored() {
    assertEquals(2, BlasThreads.wanted("0", "many", 2));
    assertEquals(4, BlasThreads.wanted("-1", "4", 2));
  }
}
