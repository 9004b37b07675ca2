package org.ntk4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {
  @Test
  void formatsLabelsNumbersAndPercentagesInFixedWidthColumns() {
    ResultTable t = ResultTable.labeled("time", List.of("MSE", "acc")).percent("acc");
    t.add("t=0", 0.1, 0.07);
    t.add("t=inf", 1.5e-7, Double.NaN);
    assertEquals(""
        + "time                    MSE        acc\n"
        + "t=0                0.100000      7.00%\n"
        + "t=inf           1.50000e-07           \n", t.format());
  }

  @Test
  void writesTheNumbersAsCsvUnderTheColumnNames(@TempDir Path dir) throws Exception {
    ResultTable t = new ResultTable("width", "change");
    t.add(64, 0.5);
    t.add(128, 0.25);
    Path csv = dir.resolve("t.csv");
    t.write(csv);
    assertEquals(List.of("width,change", "64,0.5", "128,0.25"), Files.readAllLines(csv));
    assertArrayEquals(new double[] {0.5, 0.25}, t.column("change"));
  }

  @Test
  void refusesRowsThatDoNotFit() {
    ResultTable t = new ResultTable("a", "b");
    assertThrows(IllegalArgumentException.class, () -> t.add(1));
    assertThrows(IllegalArgumentException.class, () -> t.add("x", 1, 2));
    assertThrows(IllegalArgumentException.class, () -> t.column("c"));
    ResultTable labeled = ResultTable.labeled("time", List.of("a"));
    assertThrows(IllegalArgumentException.class, () -> labeled.add(1));
  }
}
