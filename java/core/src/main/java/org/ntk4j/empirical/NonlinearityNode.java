package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Nonlinearity;

/** a = φ(z) elementwise; backward and tangent multiply by φ′(z). */
final class NonlinearityNode extends Node {
  private final Nonlinearity phi;

  NonlinearityNode(int id, Nonlinearity phi) {
    super(id);
    this.phi = phi;
  }

  @Override
  List<Matrix> forward(Params theta, List<Matrix> in, ForwardPass pass) {
    Matrix z = in.get(0);
    pass.put(this, z);
    Matrix a = z.copy();
    double[] d = a.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = phi.phi(d[i]);
    }
    return List.of(a);
  }

  @Override
  List<Matrix> backward(Params theta, List<Matrix> gradOut, ForwardPass pass, DenseSink sink) {
    return List.of(timesDerivative(gradOut.get(0), pass.get(this)));
  }

  @Override
  List<Matrix> tangent(Params theta, Params dTheta, List<Matrix> dIn, ForwardPass pass) {
    Matrix dz = dIn.get(0);
    return java.util.Collections.singletonList(
        dz == null ? null : timesDerivative(dz, pass.get(this)));
  }

  private Matrix timesDerivative(Matrix g, Matrix z) {
    Matrix out = g.copy();
    double[] d = out.data();
    double[] zd = z.data();
    for (int i = 0; i < d.length; i++) {
      d[i] *= phi.derivative(zd[i]);
    }
    return out;
  }
}
