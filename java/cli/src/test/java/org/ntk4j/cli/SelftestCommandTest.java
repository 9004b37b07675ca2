package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.backend.BackendInfo;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.BackendProvider;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.JavaBackendProvider;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.ProgressListener;
import org.ntk4j.linalg.Matrix;
import picocli.CommandLine;

/** {@code ntk4j selftest}: the table, the exit code on a miss, and unusable backends. */
class SelftestCommandTest {

  @Test
  void theOracleRowsCoverEveryLayer() {
    CliRun run = CliRun.of("selftest", "--seed", "7", "--rows", "9", "--width", "4",
        "--backend", "java");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("ntk4j selftest: seed 7, X1 9x4, X2 7x4"), run.out());
    for (String layer : SelftestCases.specs().keySet()) {
      assertTrue(run.out().matches("(?s).*\\n" + layer + " +java +float64 +0\\.00e\\+00 .*"),
          layer + " missing:\n" + run.out());
    }
  }

  /** Every backend that can run here (PoCL's OpenCL in CI), on two layers to stay quick. */
  @Test
  void everyBackendThatCanRunHereAgreesWithTheOracle() {
    CliRun run = CliRun.of("selftest", "--rows", "9", "--width", "4", "--layers",
        "relu-depth5,faninconcat");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    for (BackendInfo b : Backends.standard().list()) {
      String line = b.available() ? "relu-depth5 +" + b.name() + " +float64 .* ok"
          : "skipping " + b.name() + ": .*";
      assertTrue(run.out().matches("(?s).*\\n" + line + "\\n.*"), line + ":\n" + run.out());
    }
    assertTrue(run.out().contains("checks within tolerance"), run.out());
  }

  @Test
  void anUnknownLayerLabelIsBadInput() {
    CliRun run = CliRun.of("selftest", "--layers", "rellu");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("ntk4j: error: unknown --layers label 'rellu'; choose from"
        + " relu-depth5,"), run.err());
  }

  @Test
  void aBackendOffByOnePartInAMillionMissesInFloat64AndExitsOne() {
    Backends registry = new Backends(List.of(new JavaBackendProvider(), new Perturbed()));
    StringWriter out = new StringWriter();
    int code = new CommandLine(new SelftestCommand(registry)).setOut(new PrintWriter(out))
        .execute("--seed", "3", "--rows", "6", "--width", "3", "--backend", "perturbed");
    assertEquals(1, code, out.toString());
    assertTrue(out.toString().contains("perturbed float64"), out.toString());
    assertTrue(out.toString().matches("(?s).*float64 +1\\.0\\de-06 +1\\.0\\de-06 +1e-10  MISS.*"),
        out.toString());
    assertTrue(out.toString().matches("(?s).*float32 +1\\.0\\de-06 +1\\.0\\de-06 +1e-04  ok.*"),
        out.toString());
  }

  @Test
  void relativeErrorIsTheWorstEntryOverTheLargestReferenceValue() {
    assertEquals(0.25, SelftestCommand.Errors.relative(new double[] {1, 2.5},
        new double[] {1, 2}), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, SelftestCommand.Errors.relative(
        new double[] {Double.NaN}, new double[] {1}));
    assertEquals(0.5, SelftestCommand.Errors.relative(new double[] {0.5}, new double[] {0}));
  }

  /** The oracle's answer scaled by 1 + 1e-6: a backend that is slightly wrong. */
  private static final class Perturbed implements BackendProvider {
    @Override
    public String name() {
      return "perturbed";
    }

    @Override
    public BackendInfo probe() {
      return BackendInfo.available(name(), "the oracle times 1 + 1e-6");
    }

    @Override
    public KernelBackend open(BackendOptions options) {
      return new KernelBackend() {
        @Override
        public String name() {
          return "perturbed";
        }

        @Override
        public Kernels compute(KernelRequest request, ProgressListener progress) {
          Kernels k = new JavaBackend(1).compute(request, progress);
          return new Kernels(scaled(k.nngp()), scaled(k.ntk()), k.nngpDiag1(), k.ntkDiag1(),
              k.nngpDiag2(), k.ntkDiag2());
        }
      };
    }

    private static Matrix scaled(Matrix m) {
      Matrix c = m.copy();
      for (int i = 0; i < c.data().length; i++) {
        c.data()[i] *= 1 + 1e-6;
      }
      return c;
    }
  }
}
