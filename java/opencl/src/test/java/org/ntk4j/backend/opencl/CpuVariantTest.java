package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;

/** The variant chosen from what an OpenCL CPU device reports (PoCL's names, native widths). */
class CpuVariantTest {

  @Test
  void poclTargetsOfTheBuildMachines() {
    assertEquals(CpuVariant.AVX512,
        CpuVariant.forDevice("pthread-skylake-avx512-Intel(R) Xeon(R) Processor", 8));
    assertEquals(CpuVariant.AVX2, CpuVariant.forDevice("pthread-haswell-AMD EPYC 7B13", 4));
  }

  @Test
  void theNarrowerOfTargetAndWidthWins() {
    // PoCL's distro build forced to its avx2 library on an AVX-512 host (POCL_KERNELLIB_NAME):
    // the code is compiled for Haswell although the native widths are the host's.
    assertEquals(CpuVariant.AVX2, CpuVariant.forDevice("pthread-haswell-Intel(R) Xeon(R)", 8));
    assertEquals(CpuVariant.PLAIN, CpuVariant.forDevice("pthread-athlon64-Intel(R) Xeon(R)", 8));
    assertEquals(CpuVariant.AVX2, CpuVariant.forDevice("cpu-sapphirerapids-Intel Xeon", 4));
  }

  @Test
  void nativeBuildsNameTheHostCpu() {
    assertEquals(CpuVariant.AVX512, CpuVariant.forDevice("cpu-znver4-AMD EPYC 9654", 8));
    assertEquals(CpuVariant.AVX2, CpuVariant.forDevice("cpu-znver3-AMD EPYC 7763", 4));
    assertEquals(CpuVariant.AVX2, CpuVariant.forDevice("pthread-skylake-Intel Core i7", 4));
    assertEquals(CpuVariant.PLAIN, CpuVariant.forDevice("pthread-sandybridge-Intel Xeon", 4));
  }

  @Test
  void settingsNameAVariantOrAuto() {
    assertEquals(Optional.of(CpuVariant.AVX2), CpuVariant.named("avx2"));
    assertEquals(Optional.empty(), CpuVariant.named("auto"));
    assertEquals(Optional.empty(), CpuVariant.named(null));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CpuVariant.named("sse9"));
    assertEquals("unknown CPU tile variant 'sse9'; choose auto, avx512, avx2 or plain",
        e.getMessage());
  }

  @Test
  void unknownTargetsGoByTheNativeWidth() {
    assertEquals(CpuVariant.AVX512, CpuVariant.forDevice("Some Vendor CPU", 8));
    assertEquals(CpuVariant.AVX2, CpuVariant.forDevice("cpu-future-core", 4));
    assertEquals(CpuVariant.PLAIN, CpuVariant.forDevice("cpu-cortex-a72-ARM", 2));
    assertEquals(CpuVariant.PLAIN, CpuVariant.forDevice("no fp64 device", 0));
  }
}
