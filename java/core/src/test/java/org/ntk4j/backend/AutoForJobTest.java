package org.ntk4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/** {@code auto} hands the job to the providers, and the job's shape is counted right. */
class AutoForJobTest {

  /** Ranks itself ahead of the oracle for jobs of at least {@code pairs} pairs. */
  private record BigJobsOnly(long pairs) implements BackendProvider {
    @Override
    public String name() {
      return "cpu-device";
    }

    @Override
    public BackendInfo probe() {
      return BackendInfo.available(name(), "fake");
    }

    @Override
    public KernelBackend open(BackendOptions options) {
      return new JavaBackend(options.threads());
    }

    @Override
    public int autoRank(BackendInfo info, JobShape job) {
      return job != null && job.pairs() >= pairs ? 1 : -1;
    }
  }

  @Test
  void autoChoosesPerJob() {
    Backends b = new Backends(List.of(new JavaBackendProvider(), new BigJobsOnly(1000)));
    assertEquals("cpu-device", b.resolveAuto(new JobShape(1000, 10, 1)));
    assertEquals("java", b.resolveAuto(new JobShape(999, 10, 1)));
    assertEquals("java", b.resolveAuto());
    assertEquals("java", b.resolveAuto(null));
  }

  @Test
  void shapeCountsPairsFeaturesAndNonlinearities() {
    Architecture a = Architecture.parse(
        "dense(8), relu(), dense(8), erf(), dense(1)");
    JobShape symmetric = JobShape.of(KernelRequest.symmetric(a, Matrix.zeros(10, 3)));
    assertEquals(new JobShape(55, 3, 2), symmetric);
    JobShape rectangular = JobShape.of(KernelRequest.of(a, Matrix.zeros(10, 3),
        Matrix.zeros(4, 3)));
    assertEquals(new JobShape(40, 3, 2), rectangular);
  }

  @Test
  void costIsSetupPlusGramAndExpectationsPerPair() {
    CpuCostModel m = new CpuCostModel(2.0, 100.0, 10.0);
    // 2 + 50·(4/100 + 3/10) = 19
    assertEquals(19.0, m.seconds(new JobShape(50, 4, 3)), 1e-12);
    // A network without nonlinearities still pays one step per pair.
    assertEquals(2.0 + 50 * (4 / 100.0 + 1 / 10.0), m.seconds(new JobShape(50, 4, 0)), 1e-12);
  }
}
