package org.ntk4j.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.ntk4j.Precision;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.operator.OnTheFlyKernelOperator;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The kernel a {@link SparkKernelOperator} is made of, as its tasks compute it on their
 * executors' backends ({@link ExecutorBackends#use}): rows of K(X1, X2) (X2 = X1 for a
 * symmetric operator) from the broadcast inputs, one kernel (the NTK or the NNGP).
 */
final class PanelKernel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<JobInputs> inputs;
  private final String architecture;
  private final boolean ntk;
  private final String backend;
  private final Precision precision;
  private final long pairs;
  private final int features;
  private final int nonlinearities;
  private transient Architecture parsed;

  PanelKernel(Broadcast<JobInputs> inputs, KernelRequest request, String backend,
      Precision precision) {
    this.inputs = inputs;
    this.architecture = request.architecture().spec();
    this.ntk = request.ntk();
    this.backend = backend;
    this.precision = precision;
    JobShape shape = JobShape.of(request);
    this.pairs = shape.pairs();
    this.features = shape.features();
    this.nonlinearities = shape.nonlinearities();
  }

  Precision precision() {
    return precision;
  }

  /** K's rows [r0, r0 + rows), float64. */
  Matrix rows(int r0, int rows) {
    return compute(inputs.value().leftRows(r0, rows), inputs.value().right());
  }

  /** K's rows at {@code indices}, float64. */
  Matrix rows(int[] indices) {
    return compute(inputs.value().leftRows(indices), inputs.value().right());
  }

  /** K_ii for i in [r0, r0 + rows): the inputs paired with themselves. */
  double[] diagonal(int r0, int rows) {
    Matrix left = inputs.value().leftRows(r0, rows);
    Kernels k = ExecutorBackends.use(backend, shape(), precision,
        b -> b.compute(request(left, left.rowRange(0, 1))));
    return ntk ? k.ntkDiag1() : k.nngpDiag1();
  }

  /** K[r0 .. r0 + rows, :]·V, the panel computed tile by tile and never held whole. */
  Matrix times(int r0, int rows, Matrix v) {
    Matrix left = inputs.value().leftRows(r0, rows);
    return ExecutorBackends.use(backend, shape(), precision, b -> OnTheFlyKernelOperator.of(b,
        architecture(), left, inputs.value().right(), ntk).multiply(v));
  }

  private Matrix compute(Matrix left, Matrix right) {
    Kernels k = ExecutorBackends.use(backend, shape(), precision,
        b -> b.compute(request(left, right)));
    return ntk ? k.ntk() : k.nngp();
  }

  private KernelRequest request(Matrix left, Matrix right) {
    return new KernelRequest(architecture(), left, right, !ntk, ntk);
  }

  /** The whole operator's size, for {@code auto}: every panel runs on the same backend. */
  private JobShape shape() {
    return new JobShape(pairs, features, nonlinearities);
  }

  private Architecture architecture() {
    if (parsed == null) {
      parsed = Architecture.parse(architecture);
    }
    return parsed;
  }
}
