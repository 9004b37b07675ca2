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
 * executors' backends ({@link TaskBackend}): rows of K(X1, X2) (X2 = X1 for a
 * symmetric operator) from the broadcast inputs, one kernel (the NTK or the NNGP).
 */
final class PanelKernel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<JobInputs> inputs;
  private final String architecture;
  private final boolean ntk;
  private final TaskBackend backend;
  private transient Architecture parsed;

  PanelKernel(Broadcast<JobInputs> inputs, KernelRequest request, String backend,
      Precision precision) {
    this.inputs = inputs;
    this.architecture = request.architecture().spec();
    this.ntk = request.ntk();
    // The whole operator's size, for auto: every panel runs on the same backend.
    this.backend = new TaskBackend(backend, precision, JobShape.of(request));
  }

  Precision precision() {
    return backend.precision();
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
    Kernels k = backend.use(b -> b.compute(request(left, left.rowRange(0, 1))));
    return ntk ? k.ntkDiag1() : k.nngpDiag1();
  }

  /** K[r0 .. r0 + rows, :]·V, the panel computed tile by tile and never held whole. */
  Matrix times(int r0, int rows, Matrix v) {
    Matrix left = inputs.value().leftRows(r0, rows);
    return backend.use(b -> OnTheFlyKernelOperator.of(b, architecture(), left,
        inputs.value().right(), ntk).multiply(v));
  }

  private Matrix compute(Matrix left, Matrix right) {
    Kernels k = backend.use(b -> b.compute(request(left, right)));
    return ntk ? k.ntk() : k.nngp();
  }

  private KernelRequest request(Matrix left, Matrix right) {
    return new KernelRequest(architecture(), left, right, !ntk, ntk);
  }

  private Architecture architecture() {
    if (parsed == null) {
      parsed = Architecture.parse(architecture);
    }
    return parsed;
  }
}
