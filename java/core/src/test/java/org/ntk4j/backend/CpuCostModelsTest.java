package org.ntk4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache of measured cost models: reused, keyed, and never in the way. */
class CpuCostModelsTest {
  private static final CpuCostModel MODEL = new CpuCostModel(0.25, 3e9, 4e7);

  @TempDir Path dir;
  private final AtomicInteger calibrations = new AtomicInteger();
  private final Supplier<CpuCostModel> calibrate = () -> {
    calibrations.incrementAndGet();
    return MODEL;
  };

  @Test
  void aCalibrationIsMeasuredOnceAndThenRead() {
    assertEquals(MODEL, new CpuCostModels(dir, "cpu=A").model("java", calibrate));
    assertEquals(MODEL, new CpuCostModels(dir, "cpu=A").model("java", calibrate));
    assertEquals(1, calibrations.get());
  }

  @Test
  void anotherMachineOrBackendCalibratesAgain() {
    new CpuCostModels(dir, "cpu=A").model("java", calibrate);
    new CpuCostModels(dir, "cpu=B").model("java", calibrate);
    new CpuCostModels(dir, "cpu=A").model("opencl pthread-haswell", calibrate);
    assertEquals(3, calibrations.get());
  }

  @Test
  void aCorruptFileIsMeasuredAgainAndReplaced() throws IOException {
    CpuCostModels cache = new CpuCostModels(dir, "cpu=A");
    cache.model("java", calibrate);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.writeString(f, "key=cpu\\=A; backend\\=java\ngramRate=fast\n");
      }
    }
    assertEquals(MODEL, cache.model("java", calibrate));
    assertEquals(MODEL, cache.model("java", calibrate));
    assertEquals(2, calibrations.get());
  }

  @Test
  void anUnwritableCacheStillGivesTheMeasuredModel() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    CpuCostModels cache = new CpuCostModels(notADirectory.resolve("ntk4j"), "cpu=A");
    assertEquals(MODEL, cache.model("java", calibrate));
    assertEquals(MODEL, cache.model("java", calibrate));
    assertEquals(2, calibrations.get());
  }

  @Test
  void theMachineKeyNamesCpuCoresAndBuild() {
    String key = CpuCostModels.machineKey();
    assertTrue(key.matches("cpu=.+; cores=\\d+; ntk4j=.+ built .+"), key);
  }
}
