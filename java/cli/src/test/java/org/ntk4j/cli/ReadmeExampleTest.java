package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.stax.Stax.dense;
import static org.ntk4j.stax.Stax.relu;
import static org.ntk4j.stax.Stax.serial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.data.Digits;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.operator.KernelOperator;
import org.ntk4j.kernel.operator.DenseKernelOperator;
import org.ntk4j.kernel.operator.OnTheFlyKernelOperator;
import org.ntk4j.krylov.KrylovSettings;
import org.ntk4j.krylov.KrylovSolver;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.predict.DiagonalRegularizer;
import org.ntk4j.predict.GradientDescentMse;
import org.ntk4j.predict.IterativeGradientDescentMse;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.TrainingSchedule;
import org.ntk4j.stax.Architecture;

/** The README's Java and CLI examples, so they keep compiling and agreeing. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void javaApiExampleMatchesTheCliOnTheSameSpec() throws Exception {
    // --- README: Java API ---
    Architecture net = Architecture.of(serial(
        dense(512, 1.5, 0.05), relu(),
        dense(512, 1.5, 0.05), relu(),
        dense(1, 1.5, 0.05)));
    Matrix x = Digits.load().standardizedFeatures().rowRange(0, 100);
    try (JavaBackend backend = new JavaBackend()) {
      Kernels k = backend.compute(KernelRequest.symmetric(net, x));
      Npy.write(Path.of(dir.toString(), "ntk.npy"), k.ntk(), NpyDtype.FLOAT64);
      // --- end ---
      Path x100 = dir.resolve("x100.npy");
      Npy.write(x100, x, NpyDtype.FLOAT64);
      CliRun run = CliRun.of("kernel", "--arch", net.spec(), "--x1", x100.toString(),
          "--out-ntk", dir.resolve("cli.npy").toString());
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(0, k.ntk().relativeError(Npy.readMatrix(dir.resolve("cli.npy"))));
    }
  }

  @Test
  void readmeSpecsParse() throws Exception {
    String readme = Files.readString(Path.of("..", "..", "README.md"));
    Matcher m = Pattern.compile("--arch \"([^\"]+)\"").matcher(readme);
    int found = 0;
    while (m.find()) {
      Architecture.parse(m.group(1));
      found++;
    }
    assertTrue(found >= 2, "README has " + found + " --arch examples");
  }

  @Test
  void iterativeJavaApiExampleEqualsTheDirectPrediction() throws Exception {
    Architecture net = Architecture.parse("dense(64, w_std=1.5, b_std=0.05), relu(),"
        + " dense(10, w_std=1.5, b_std=0.05)");
    Digits d = Digits.load();
    Matrix xTrain = d.standardizedFeatures().rowRange(0, 200);
    Matrix xTest = d.standardizedFeatures().rowRange(200, 250);
    Matrix yTrain = d.oneHot().rowRange(0, 200);
    try (JavaBackend backend = new JavaBackend(2)) {
      Matrix kTrain = backend.compute(new KernelRequest(net, xTrain, null, false, true)).ntk();
      Path kFile = dir.resolve("k_train.npy");
      Npy.write(kFile, kTrain, NpyDtype.FLOAT64);
      Prediction p;
      // --- README: iterative Java API ---
      try (KernelOperator k = DenseKernelOperator.owning(Npy.map(kFile, false), 2);
          KernelOperator kt = OnTheFlyKernelOperator.of(backend, net, xTest, xTrain, true);
          KrylovSolver solver = new KrylovSolver(KrylovSettings.defaults().withTolerance(1e-8))) {
        p = new IterativeGradientDescentMse(k, yTrain, DiagonalRegularizer.relative(1e-3),
            solver).predict(TrainingSchedule.continuous(1.0, 10, 100, Double.POSITIVE_INFINITY),
            null, kt, null);
        // --- end ---
        assertTrue(solver.log().size() >= 2, solver.log().toString());
      }
      Prediction direct = new GradientDescentMse(new JavaLinearAlgebra(), kTrain, yTrain,
          DiagonalRegularizer.relative(1e-3)).predict(TrainingSchedule.continuous(1.0, 10, 100,
          Double.POSITIVE_INFINITY), null,
          backend.compute(new KernelRequest(net, xTest, xTrain, false, true)).ntk(), null);
      for (int i = 0; i < 3; i++) {
        assertTrue(p.test().get(i).relativeError(direct.test().get(i)) < 1e-6);
      }
    }
  }
}
