package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.empirical.EmpiricalKernels;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.empirical.Loss;
import org.ntk4j.empirical.Model;
import org.ntk4j.empirical.Optimizer;
import org.ntk4j.empirical.Params;
import org.ntk4j.empirical.Trainer;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finite networks on the demo's shapes (n × 64 inputs, two hidden ReLU layers, 10 outputs): one
 * full-batch gradient descent step, and the empirical NTK of the batch by the per-layer Gram
 * identity (10 backward passes and one Gram product per layer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class EmpiricalBenchmark {

  @Param({"1000"})
  public int n;

  @Param({"256", "1024"})
  public int width;

  private FiniteNetwork net;
  private Params theta;
  private Matrix x;
  private Matrix y;
  private Trainer oneStep;

  @Setup
  public void setup() {
    Architecture arch = Architecture.parse("dense(" + width + ", w_std=1.5, b_std=0.05), relu(), "
        + "dense(" + width + ", w_std=1.5, b_std=0.05), relu(), dense(10, w_std=1.5, b_std=0.05)");
    net = FiniteNetwork.of(arch, 64);
    theta = net.initialize(1);
    SplittableRandom random = new SplittableRandom(42);
    x = Matrix.zeros(n, 64);
    y = Matrix.zeros(n, 10);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = random.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      y.set(i, random.nextInt(10), 1.0);
    }
    oneStep = new Trainer(Model.of(net), Loss.MSE, Optimizer.gradientDescent(0.5));
  }

  @Benchmark
  public Params gradientDescentStep() {
    return oneStep.train(theta, x, y, 1);
  }

  @Benchmark
  public Matrix empiricalNtk() {
    return EmpiricalKernels.ntk(net, theta, x, null);
  }
}
