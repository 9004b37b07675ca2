package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.ntk4j.backend.cuda.CudaProbe;
import org.ntk4j.backend.cuda.CudaStatus;

/** What a user sees of the CUDA backend on a machine where it cannot run (as in CI). */
class CudaCommandLineTest {

  private static CudaStatus unavailable() {
    CudaStatus s = CudaProbe.status();
    assumeFalse(s.available(), "CUDA can run here; these checks are for machines without it");
    return s;
  }

  @Test
  void devicesListsCudaWithEveryReason() {
    CudaStatus s = unavailable();
    CliRun run = CliRun.of("devices");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().matches("(?s).*\\ncuda +no +NVIDIA GPUs through the CUDA driver API\\n.*"),
        run.out());
    for (String reason : s.reasons()) {
      assertTrue(run.out().contains("- " + reason), reason + " missing:\n" + run.out());
    }
  }

  @Test
  void askingForCudaIsOneLineOfBadInputNamingTheReason() {
    CudaStatus s = unavailable();
    CliRun run = CliRun.of("kernel", "--arch", "dense(4), relu(), dense(1)", "--x1", "digits",
        "--backend", "cuda");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("ntk4j: error: backend 'cuda' cannot run here: "
        + s.reasons().get(0)), run.err());
  }

  @Test
  void autoFallsBackWithOneNoticeNamingCuda() {
    CudaStatus s = unavailable();
    CliRun run = CliRun.of("kernel", "--arch", "dense(4), relu(), dense(1)", "--x1",
        "digits-scaled");
    assertEquals(0, run.exitCode(), run.err());
    String notice = run.err().lines().filter(l -> l.startsWith("ntk4j: note: --backend auto uses"))
        .findFirst().orElse("");
    assertTrue(notice.contains("cuda (" + s.reasons().get(0) + ")"), run.err());
  }
}
