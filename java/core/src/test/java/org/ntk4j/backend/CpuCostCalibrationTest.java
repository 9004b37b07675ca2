package org.ntk4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;

/** The calibration's fit of the two timings, and a real calibration of the oracle. */
class CpuCostCalibrationTest {

  @Test
  void fitRecoversTheRatesThatProducedTheTimings() {
    double gramRate = 5e9;
    double layerRate = 6e7;
    double a = 512 / gramRate + 1 / layerRate;
    double b = 8 / gramRate + CpuCostCalibration.DEPTH / layerRate;
    CpuCostModel m = CpuCostCalibration.fit(0.5, a, 512, b, 8);
    assertEquals(0.5, m.setupSeconds());
    assertEquals(gramRate, m.gramRate(), 1e-6 * gramRate);
    assertEquals(layerRate, m.layerRate(), 1e-6 * layerRate);
  }

  @Test
  void timingsNoModelExplainsAreRefused() {
    // The narrow job cheaper per pair than the wide job's layer share: a negative Gram cost.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CpuCostCalibration.fit(0, 1e-7, 512, 1e-9, 8));
    assertTrue(e.getMessage().startsWith("calibration timings do not fit"), e.getMessage());
  }

  @Test
  void theOracleCalibratesToPositiveFiniteRates() {
    CpuCostModel m;
    try (JavaBackend backend = new JavaBackend()) {
      m = CpuCostCalibration.measure(backend, 0.0);
    }
    assertTrue(m.gramRate() > 1e6 && Double.isFinite(m.gramRate()), m.toString());
    assertTrue(m.layerRate() > 1e5 && Double.isFinite(m.layerRate()), m.toString());
  }
}
