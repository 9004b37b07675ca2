package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.data.LabeledData;
import org.ntk4j.data.Digits;
import org.ntk4j.data.TrainTestSplit;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.JavaLinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/** Kernel regression on the shipped digits, as the acceptance check. */
class DigitsEndToEndTest {
  static final String DEPTH3_RELU = "dense(512, w_std=1.5, b_std=0.05), relu(), "
      + "dense(512, w_std=1.5, b_std=0.05), relu(), dense(512, w_std=1.5, b_std=0.05), relu(), "
      + "dense(10, w_std=1.5, b_std=0.05)";

  @Test
  void ntkAndNngpAtInfiniteTimeClassifyHeldOutDigits() {
    Digits d = Digits.load();
    TrainTestSplit split = new LabeledData(d.features(), d.labels(), Digits.CLASSES)
        .split(1000, 797, 0);
    Architecture arch = Architecture.parse(DEPTH3_RELU);
    JavaBackend backend = new JavaBackend();
    Kernels train = backend.compute(KernelRequest.symmetric(arch, split.xTrain()));
    Kernels testTrain = backend.compute(KernelRequest.of(arch, split.xTest(), split.xTrain()));
    JavaLinearAlgebra la = new JavaLinearAlgebra();
    TrainingSchedule inf = TrainingSchedule.continuous(1, Double.POSITIVE_INFINITY);
    for (KernelKind kind : KernelKind.values()) {
      Matrix k = kind == KernelKind.NTK ? train.ntk() : train.nngp();
      Matrix kt = kind == KernelKind.NTK ? testTrain.ntk() : testTrain.nngp();
      Matrix f = new GradientDescentMse(la, k, split.yTrain(), DiagonalRegularizer.NONE)
          .predict(inf, null, kt, null).test().get(0);
      double acc = Metrics.accuracy(f, split.yTest());
      assertTrue(acc >= 0.975, kind + " test accuracy " + acc);
    }
  }
}
