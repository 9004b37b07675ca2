package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;

class MemoryCheckTest {
  private static final long GIB = 1L << 30;

  @Test
  void kernelsThatFitPass() {
    assertDoesNotThrow(() -> MemoryCheck.requireKernelsFit(4000, 4000, 2, GIB));
  }

  @Test
  void tooManyEntriesForOneArrayNameTheShape() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MemoryCheck.requireKernelsFit(50_000, 50_000, 1, 1000 * GIB));
    assertTrue(e.getMessage().startsWith("a (50000, 50000) kernel has 2500000000 entries"),
        e.getMessage());
  }

  @Test
  void tooLittleHeapSuggestsXmx() {
    // Two 20000 x 20000 float64 kernels: 6.0 GiB.
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MemoryCheck.requireKernelsFit(20_000, 20_000, 2, 4 * GIB));
    assertTrue(e.getMessage().contains("need 6.0 GiB but Java may use only 4.0 GiB"),
        e.getMessage());
    assertTrue(e.getMessage().contains("java -Xmx9g"), e.getMessage());
  }
}
