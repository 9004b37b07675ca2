package org.ntk4j.predict;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;

/**
 * Gradient descent on the softmax cross-entropy L = −(1/n)·Σᵢⱼ yᵢⱼ·log softmax(fᵢ)ⱼ
 * (n = y.size, neural-tangents' example loss) in function space, for a fixed tangent kernel Θ:
 * <pre>
 *   df(X)/dτ = −Θ·G,  df(x)/dτ = −Θ(x, X)·G,  G = ∇_f L = (sᵢ·softmax(fᵢ) − yᵢ)/n,  τ = η·t
 * </pre>
 * with sᵢ = Σⱼ yᵢⱼ (1 for one-hot labels), integrated by Hipparchus' adaptive Dormand–Prince
 * 8(5,3) method under the given tolerances (neural-tangents' {@code gradient_descent}).
 *
 * <p>With heavy-ball momentum μ (neural-tangents' continuous version) the state gains a velocity
 * q: df/dt′ = q, dq/dt′ = −Θ·G + ((μ − 1)/√η)·q, in time t′ = √η·t, q₀ = 0.
 *
 * <p>Conserved: every row of G sums to zero, so Σⱼ fᵢⱼ(t), the sum of each example's logits
 * (train and test), never changes: the dynamics move only within the zero-sum subspace, the
 * directions that change the softmax (which is invariant to adding a constant to all logits).
 */
public final class CrossEntropyDynamics {
  private final LinearAlgebra la;
  private final Matrix ntk;
  private final Matrix y;
  private final double learningRate;
  private final Double momentum;
  private final double relativeTolerance;
  private final double absoluteTolerance;

  /**
   * @param ntkTrainTrain Θ(X, X), N × N
   * @param yTrain N × k targets (rows of class probabilities, typically one-hot)
   * @param momentum μ in [0, 1), or null for plain gradient flow
   * @param relativeTolerance the integrator's relative error per step (e.g. 1e-10)
   * @param absoluteTolerance the integrator's absolute error per step (e.g. 1e-12)
   */
  public CrossEntropyDynamics(LinearAlgebra la, Matrix ntkTrainTrain, Matrix yTrain,
      double learningRate, Double momentum, double relativeTolerance, double absoluteTolerance) {
    PredictionChecks.requireTrain(ntkTrainTrain, "NTK", yTrain);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidInputException("the learning rate is " + learningRate
          + ": it must be a finite number > 0");
    }
    if (momentum != null && !(momentum >= 0 && momentum < 1)) {
      throw new InvalidInputException("momentum " + momentum + " must be in [0, 1)");
    }
    this.la = la;
    this.ntk = ntkTrainTrain;
    this.y = yTrain;
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.relativeTolerance = relativeTolerance;
    this.absoluteTolerance = absoluteTolerance;
  }

  /** G = ∇_f L for train outputs f: row i is (sᵢ·softmax(fᵢ) − yᵢ)/n. */
  public Matrix lossGradient(Matrix fTrain) {
    int rows = y.rows();
    int k = y.cols();
    double n = (double) rows * k;
    Matrix g = Matrix.zeros(rows, k);
    for (int i = 0; i < rows; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, fTrain.get(i, j));
      }
      double z = 0;
      double s = 0;
      for (int j = 0; j < k; j++) {
        z += Math.exp(fTrain.get(i, j) - max);
        s += y.get(i, j);
      }
      for (int j = 0; j < k; j++) {
        double p = Math.exp(fTrain.get(i, j) - max) / z;
        g.set(i, j, (s * p - y.get(i, j)) / n);
      }
    }
    return g;
  }

  /**
   * The outputs at every time (finite, ≥ 0, any order).
   *
   * @param fTrain0 f₀(X), N × k, or null for 0
   * @param kTestTrain Θ(x, X), m × N, or null for train outputs only
   * @param fTest0 f₀(x), m × k, or null for 0
   */
  public Prediction predict(double[] times, Matrix fTrain0, Matrix kTestTrain, Matrix fTest0) {
    for (double t : times) {
      if (Double.isNaN(t) || t < 0) {
        throw new InvalidInputException("time " + t + " is refused: times must be ≥ 0");
      }
      if (Double.isInfinite(t)) {
        throw new InvalidInputException("t = inf has no closed form under cross-entropy (the"
            + " logits grow without bound): give finite times");
      }
    }
    int nTrain = y.rows();
    int k = y.cols();
    int nTest = PredictionChecks.requirePredictionInputs(fTrain0, kTestTrain, "NTK", fTest0,
        nTrain, k);
    int outputs = (nTrain + nTest) * k;
    int dimension = momentum == null ? outputs : 2 * outputs;
    double[] state = new double[dimension];
    if (fTrain0 != null) {
      System.arraycopy(fTrain0.toDoubleArray(), 0, state, 0, nTrain * k);
    }
    if (fTest0 != null) {
      System.arraycopy(fTest0.toDoubleArray(), 0, state, nTrain * k, nTest * k);
    }
    double timeScale = momentum == null ? learningRate : Math.sqrt(learningRate);
    Integer[] order = new Integer[times.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));

    DormandPrince853Integrator integrator = new DormandPrince853Integrator(0,
        Double.POSITIVE_INFINITY, absoluteTolerance, relativeTolerance);
    OrdinaryDifferentialEquation ode = equations(nTrain, nTest, k, kTestTrain, dimension);
    Matrix[] train = new Matrix[times.length];
    Matrix[] test = kTestTrain == null ? null : new Matrix[times.length];
    double now = 0;
    for (int idx : order) {
      double target = times[idx] * timeScale;
      if (target > now) {
        ODEStateAndDerivative end = integrator.integrate(ode, new ODEState(now, state), target);
        state = end.getPrimaryState();
        now = target;
      }
      train[idx] = new Matrix(nTrain, k, Arrays.copyOfRange(state, 0, nTrain * k));
      if (test != null) {
        test[idx] = new Matrix(nTest, k,
            Arrays.copyOfRange(state, nTrain * k, outputs));
      }
    }
    int n = nTrain * k;
    TrainingSchedule schedule = TrainingSchedule.continuous(learningRate, times);
    FinitePredictions.require("train outputs", List.of(train), schedule, null, n);
    if (test != null) {
      FinitePredictions.require("test outputs", List.of(test), schedule, null, n);
    }
    return new Prediction(List.of(train), test == null ? null : List.of(test));
  }

  private OrdinaryDifferentialEquation equations(int nTrain, int nTest, int k, Matrix kTestTrain,
      int dimension) {
    int outputs = (nTrain + nTest) * k;
    double damping = momentum == null ? 0 : (momentum - 1) / Math.sqrt(learningRate);
    return new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return dimension;
      }

      @Override
      public double[] computeDerivatives(double t, double[] s) {
        Matrix f = new Matrix(nTrain, k, Arrays.copyOfRange(s, 0, nTrain * k));
        Matrix g = lossGradient(f);
        double[] force = new double[outputs];
        System.arraycopy(la.multiply(ntk, g).toDoubleArray(), 0, force, 0, nTrain * k);
        if (kTestTrain != null) {
          System.arraycopy(la.multiply(kTestTrain, g).toDoubleArray(), 0, force, nTrain * k, nTest * k);
        }
        double[] d = new double[dimension];
        if (momentum == null) {
          for (int i = 0; i < outputs; i++) {
            d[i] = -force[i];
          }
          return d;
        }
        for (int i = 0; i < outputs; i++) {
          d[i] = s[outputs + i];
          d[outputs + i] = -force[i] + damping * s[outputs + i];
        }
        return d;
      }
    };
  }
}
