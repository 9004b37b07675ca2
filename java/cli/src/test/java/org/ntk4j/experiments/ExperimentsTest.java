package org.ntk4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.report.ResultTable;
import org.ntk4j.stax.Dense;

/** The experiments at tiny sizes: they run, write their files, and show the expected trends. */
class ExperimentsTest {
  /** The experiments' infinite-width kernels, on the float64 oracle. */
  private static final JavaBackend ORACLE = new JavaBackend();

  @AfterAll
  static void closeTheOracle() {
    ORACLE.close();
  }

  @Test
  void kernelChangeShrinksWithWidth(@TempDir Path dir) throws IOException {
    KernelChange.Config c = new KernelChange.Config(ExperimentData.DIGITS, 24,
        new int[] {16, 64, 256}, 1, 15, StepSize.ofCritical(0.5), 1,
        Dense.Parameterization.NTK, 1);
    KernelChange.Result r = KernelChange.run(c, ORACLE, dir, ProgressBar.quiet());
    assertEquals(3, r.table().size());
    assertTrue(r.ntkSlope() < -0.3, "NTK change slope " + r.ntkSlope());
    assertTrue(r.parameterSlope() < -0.3, "parameter change slope " + r.parameterSlope());
    assertWritten(dir, "kernel-change", "width,seed,ntk_change");
  }

  @Test
  void linearizationGapShrinksWithWidth(@TempDir Path dir) throws IOException {
    Linearization.Config c = new Linearization.Config(ExperimentData.DIGITS, 24, 8,
        new int[] {16, 128, 1024}, 1, 16, 0.5, 2);
    Linearization.Result r = Linearization.run(c, ORACLE, dir, ProgressBar.quiet());
    for (int i = 1; i < 3; i++) {
      for (int split = 0; split < 2; split++) {
        assertTrue(r.netLinGap()[i][split] < r.netLinGap()[i - 1][split],
            "gap at width index " + i + ", split " + split);
      }
    }
    assertTrue(r.netLinSlope() < -0.3, "slope " + r.netLinSlope());
    assertWritten(dir, "linearization", "width,step,rms_net_lin_train");
  }

  @Test
  void ensembleStartsWithTheNngpVarianceAndWritesItsFiles(@TempDir Path dir)
      throws IOException {
    Ensemble.Config c = new Ensemble.Config(ExperimentData.DIGITS, 16, 6, 64, 1, 12, 8, 0.5, 3);
    Ensemble.run(c, ORACLE, dir, ProgressBar.quiet());
    ResultTable t = readBack(dir.resolve("ensemble.csv"));
    double theory0 = t.column("theory_variance")[0];
    double ensemble0 = t.column("ensemble_variance")[0];
    // Twelve networks estimate the initial output variance to about ±40% (χ² with 11·k dof).
    assertEquals(theory0, ensemble0, 0.4 * theory0);
    assertWritten(dir, "ensemble", "step,theory_mean_rms");
  }

  @Test
  void learningRateSeparatesLazyCatapultAndDivergentPhases(@TempDir Path dir)
      throws IOException {
    LearningRate.Config c = new LearningRate.Config(ExperimentData.DIGITS, 16, 256, 30,
        new double[] {1, 3, 30}, 0);
    LearningRate.Result r = LearningRate.run(c, ORACLE, dir, ProgressBar.quiet());
    double lazyEnd = r.lambdaEnd()[0] / r.lambdaStart();
    double catapultEnd = r.lambdaEnd()[1] * 3 / r.lambdaStart();
    assertEquals(1.0, lazyEnd, 0.1, "the lazy phase keeps its kernel");
    assertTrue(catapultEnd < 2, "the catapult ends below the stability edge: " + catapultEnd);
    assertTrue(Double.isFinite(r.finalLoss()[1]), "the catapult converges");
    assertTrue(Double.isInfinite(r.finalLoss()[2]), "far above 4N/λ0 training diverges");
    assertWritten(dir, "learning-rate", "rate_times_lambda0_over_n,step,loss");
  }

  @Test
  void demoPredictsAndTrainsOnDigits(@TempDir Path dir) {
    Demo.Config c = new Demo.Config(200, 100, 1, 128, new long[] {0, 3, 30}, 0.5, 0);
    Demo.Result r = Demo.run(c, ORACLE, dir,
        new java.io.PrintWriter(java.io.Writer.nullWriter()), ProgressBar.quiet());
    assertEquals(4, r.ntkAccuracy().length);
    assertTrue(r.ntkAccuracy()[3] > 0.85, "NTK at t = inf: " + r.ntkAccuracy()[3]);
    assertTrue(r.networkAccuracy()[2] > 0.7, "network after 30 steps: "
        + r.networkAccuracy()[2]);
    assertTrue(r.networkLoss()[2] < r.networkLoss()[0]);
    List<String> table = Demo.table(r);
    assertEquals(2 + 4, table.size());
    assertTrue(table.get(table.size() - 1).trim().startsWith("inf"));
    assertTrue(Files.exists(dir.resolve("demo.png")));
    assertTrue(Files.exists(dir.resolve("demo.csv")));
  }

  private static void assertWritten(Path dir, String name, String headerStart)
      throws IOException {
    assertTrue(Files.readString(dir.resolve(name + ".csv")).startsWith(headerStart));
    byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
  }

  private static ResultTable readBack(Path csv) throws IOException {
    org.ntk4j.io.CsvTable t = org.ntk4j.io.Csv.readTable(csv);
    ResultTable r = new ResultTable(t.header().toArray(new String[0]));
    for (int i = 0; i < t.values().rows(); i++) {
      r.add(t.values().row(i));
    }
    return r;
  }
}
