package org.ntk4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelBackend;

class BackendsTest {

  /** A provider whose probe and open behave as told. */
  private record Fake(String name, BackendInfo info, int rank, AtomicInteger probes)
      implements BackendProvider {
    Fake(String name, BackendInfo info, int rank) {
      this(name, info, rank, new AtomicInteger());
    }

    @Override
    public BackendInfo probe() {
      probes.incrementAndGet();
      if (info == null) {
        throw new UnsatisfiedLinkError("no libOpenCL.so.1 in java.library.path");
      }
      return info;
    }

    @Override
    public KernelBackend open(BackendOptions options) {
      return new JavaBackend(options.threads());
    }

    @Override
    public int autoRank(BackendInfo i) {
      return rank;
    }
  }

  @Test
  void javaIsAlwaysListedAvailableAndChosenByAuto() {
    Backends b = Backends.standard();
    assertEquals("java", b.names().get(0));
    BackendInfo java = b.info("java");
    assertTrue(java.available());
    assertTrue(java.reasons().isEmpty());
    assertEquals("java", b.resolveAuto());
    try (KernelBackend k = b.open("auto", BackendOptions.defaults())) {
      assertInstanceOf(JavaBackend.class, k);
    }
  }

  @Test
  void aProbeThatCannotLinkBecomesAnUnavailableEntry() {
    Backends b = new Backends(List.of(new JavaBackendProvider(), new Fake("gpu", null, 10)));
    BackendInfo gpu = b.info("gpu");
    assertFalse(gpu.available());
    assertTrue(gpu.reasons().get(0).contains("libOpenCL.so.1"), gpu.reasons().toString());
    assertEquals("java", b.resolveAuto());
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> b.open("gpu", BackendOptions.defaults()));
    assertTrue(e.getMessage().startsWith("backend 'gpu' cannot run here: probe failed"),
        e.getMessage());
  }

  @Test
  void autoSaysInOneLineWhatItPassedOver() {
    Fake off = new Fake("cuda", BackendInfo.unavailable("cuda", "",
        List.of("no libcuda.so.1", "second reason")), 100);
    assertEquals("--backend auto uses java; cannot run here: cuda (no libcuda.so.1)",
        new Backends(List.of(new JavaBackendProvider(), off)).autoNotice().orElseThrow());
    assertTrue(new Backends(List.of(new JavaBackendProvider())).autoNotice().isEmpty());
  }

  @Test
  void autoPrefersTheHighestRankThenTheEarliest() {
    Fake slow = new Fake("cpu-device", BackendInfo.available("cpu-device", "PoCL"), -1);
    Fake fast = new Fake("gpu", BackendInfo.available("gpu", "H100"), 10);
    Fake off = new Fake("cuda", BackendInfo.unavailable("cuda", "", List.of("no libcuda.so.1")),
        100);
    assertEquals("gpu", new Backends(List.of(new JavaBackendProvider(), slow, off, fast))
        .resolveAuto());
    assertEquals("java", new Backends(List.of(new JavaBackendProvider(), slow, off))
        .resolveAuto());
    Fake tie = new Fake("other", BackendInfo.available("other", ""), 0);
    assertEquals("java", new Backends(List.of(new JavaBackendProvider(), tie)).resolveAuto());
  }

  @Test
  void probesRunOncePerRegistry() {
    Fake f = new Fake("gpu", BackendInfo.available("gpu", ""), 1);
    Backends b = new Backends(List.of(f));
    b.list();
    b.resolveAuto();
    b.open("gpu", BackendOptions.defaults()).close();
    assertEquals(1, f.probes().get());
  }

  @Test
  void unknownNamesListTheChoices() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> Backends.standard().open("tpu", BackendOptions.defaults()));
    assertTrue(e.getMessage().contains("unknown backend 'tpu'; choose one of auto, java"),
        e.getMessage());
  }

  @Test
  void noAvailableBackendIsExplained() {
    Fake off = new Fake("cuda", BackendInfo.unavailable("cuda", "", List.of("no driver")), 0);
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> new Backends(List.of(off)).resolveAuto());
    assertTrue(e.getMessage().contains("ntk4j devices"), e.getMessage());
  }

  @Test
  void linkageErrorsWhileOpeningAreReportedNotThrown() {
    Fake f = new Fake("gpu", BackendInfo.available("gpu", ""), 1);
    BackendProvider broken = new BackendProvider() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public BackendInfo probe() {
        return BackendInfo.available("broken", "");
      }

      @Override
      public KernelBackend open(BackendOptions options) {
        throw new NoClassDefFoundError("org/jocl/CL");
      }
    };
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> new Backends(List.of(f, broken)).open("broken", BackendOptions.defaults()));
    assertTrue(e.getMessage().contains("org/jocl/CL"), e.getMessage());
  }

  @Test
  void optionsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> BackendOptions.defaults().withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> BackendOptions.defaults().withDevice(-1));
    assertThrows(IllegalArgumentException.class,
        () -> BackendInfo.unavailable("x", "", List.of()));
    assertEquals("float32", Precision.FLOAT32.cliName());
  }
}
