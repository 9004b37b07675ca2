package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntk4j.Precision;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.TrainingSchedule;

/** The choice between native OpenBLAS and the pure-Java oracle, and the fallback's notice. */
class HostLinearAlgebraTest {
  private static final HostLinearAlgebra.Status FAILED = HostLinearAlgebra.probe(() -> {
    throw new UnsatisfiedLinkError("no jniopenblas_full in java.library.path (simulated)");
  });

  @Test
  void aLoadFailureFallsBackToJavaWithOneLineNotice() {
    assertFalse(FAILED.loaded());
    assertInstanceOf(JavaLinearAlgebra.class, HostLinearAlgebra.open(Precision.FLOAT64, FAILED));
    String notice = HostLinearAlgebra.fallbackNotice(FAILED).orElseThrow();
    assertTrue(notice.contains("simulated") && notice.contains("pure-Java"), notice);
    assertFalse(notice.contains("\n"), notice);
    assertTrue(HostLinearAlgebra.describe(FAILED).startsWith("pure Java (EJML/ojAlgo)"),
        HostLinearAlgebra.describe(FAILED));
  }

  @Test
  void theNativesLoadHereAndNeedNoNotice() {
    HostLinearAlgebra.Status s = HostLinearAlgebra.status();
    assertTrue(s.loaded(), HostLinearAlgebra.describe());
    assertEquals(Optional.empty(), HostLinearAlgebra.fallbackNotice());
    assertTrue(HostLinearAlgebra.describe().contains("OpenBLAS"), HostLinearAlgebra.describe());
  }

  /** A whole prediction (eigh for finite times, Cholesky at t = ∞) on both paths agrees. */
  @Test
  void predictionsOnTheFallbackMatchTheNativePath() {
    Matrix g = TestMatrices.gaussian(60, 8, 40);
    Matrix k = TestMatrices.product(g, g.transpose());
    Matrix y = TestMatrices.gaussian(60, 2, 41);
    Matrix kTest = TestMatrices.product(TestMatrices.gaussian(9, 8, 42), g.transpose());
    TrainingSchedule s = TrainingSchedule.continuous(1.0, 0, 3, 100, Double.POSITIVE_INFINITY);
    DiagonalRegularizer reg = DiagonalRegularizer.relative(1e-3);
    Prediction java = new GradientDescentMse(HostLinearAlgebra.open(Precision.FLOAT64, FAILED),
        k, y, reg).predict(s, null, kTest, null);
    Prediction nat = new GradientDescentMse(HostLinearAlgebra.open(Precision.FLOAT64), k, y, reg)
        .predict(s, null, kTest, null);
    for (int t = 0; t < 4; t++) {
      assertTrue(nat.test().get(t).relativeError(java.test().get(t)) < 1e-9, "time " + t);
      assertTrue(nat.train().get(t).relativeError(java.train().get(t)) < 1e-9, "time " + t);
    }
  }

  @Test
  void thePropertyChoosesJavaAsIfTheNativesHadNotLoaded() {
    System.setProperty(HostLinearAlgebra.PROPERTY, "java");
    try {
      assertInstanceOf(JavaLinearAlgebra.class, HostLinearAlgebra.open(Precision.FLOAT64));
      assertTrue(HostLinearAlgebra.fallbackNotice().orElseThrow().contains("-Dntk4j.linalg=java"));
    } finally {
      System.clearProperty(HostLinearAlgebra.PROPERTY);
    }
  }
}
