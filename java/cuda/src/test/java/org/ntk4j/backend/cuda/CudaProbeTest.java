package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The probe explains, in one line per reason, why CUDA cannot run, and never throws. */
class CudaProbeTest {

  @Test
  void statusIsConsistentAndEveryReasonIsOneLine() {
    CudaStatus s = CudaProbe.status();
    assertEquals(s.reasons().isEmpty(), s.available());
    for (String r : s.reasons()) {
      assertFalse(r.isBlank());
      assertFalse(r.contains("\n"), "a reason must be one line: " + r);
    }
    assertFalse(s.cublasNote().isBlank());
    assertFalse(s.cublasNote().contains("\n"));
  }

  @Test
  void withoutADriverTheFirstReasonSaysSo() {
    CudaStatus s = CudaProbe.status();
    if (s.driverVersion() == 0) {
      assertFalse(s.available());
      assertTrue(s.reasons().get(0).contains("NVIDIA driver"), s.reasons().get(0));
      assertTrue(s.devices().isEmpty());
      assertFalse(s.cublas());
    } else {
      assertTrue(s.driverVersion() >= 10000, "driver version " + s.driverVersion());
    }
  }

  @Test
  void probingTwiceGivesTheSameAnswer() {
    assertEquals(CudaProbe.status(), CudaProbe.status());
  }

  @Test
  void linkageErrorsBecomeOneLineReasons() {
    UnsatisfiedLinkError missing = new UnsatisfiedLinkError("Error while loading native library"
        + " \"JCudaDriver\"\n---\n/tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object");
    assertEquals("no driver",
        CudaProbe.linkageReason(missing, "libcuda.so.1", "no driver"));
    String other = CudaProbe.linkageReason(new UnsatisfiedLinkError("bad ELF\nmore"),
        "libcuda.so.1", "no driver");
    assertEquals("JCuda's native library failed to load: bad ELF", other);
    String again = CudaProbe.linkageReason(new NoClassDefFoundError("jcuda/driver/JCudaDriver"),
        "libcuda.so.1", "no driver");
    assertTrue(again.startsWith("the JCuda native library failed to load earlier"), again);
  }

  @Test
  void devicesOlderThanTuringAreNotSupported() {
    assertFalse(new CudaDeviceInfo(0, "Tesla V100", 7, 0, 16L << 30, 80).supported());
    assertTrue(new CudaDeviceInfo(0, "T4", 7, 5, 16L << 30, 40).supported());
    assertTrue(new CudaDeviceInfo(0, "NVIDIA H100", 9, 0, 80L << 30, 132).describe()
        .startsWith("NVIDIA H100 (sm_90, 80.0 GiB, 132 SMs"));
  }
}
