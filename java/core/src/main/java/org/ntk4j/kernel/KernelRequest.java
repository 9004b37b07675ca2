package org.ntk4j.kernel;

import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * What to compute: the kernels of {@code architecture} between the rows of {@code x1} and of
 * {@code x2}, or of {@code x1} against itself when {@code x2} is null (then only the upper
 * triangle is computed and mirrored). Architectures whose fan-ins combine correlated
 * branches are refused ({@link Architecture#requireExactKernel()}).
 *
 * @param nngp whether to compute the NNGP kernel
 * @param ntk whether to compute the NTK
 */
public record KernelRequest(Architecture architecture, Matrix x1, Matrix x2, boolean nngp,
    boolean ntk) {

  public KernelRequest {
    if (!nngp && !ntk) {
      throw new IllegalArgumentException("ask for the NNGP, the NTK or both");
    }
    InputChecks.requireValidInputs(x1, x2);
    // Sums and products of correlated branches have no closed-form kernel here: refuse
    // rather than return neural-tangents' independent-branch answer, which would be wrong.
    architecture.requireExactKernel();
  }

  /** Both kernels of X1 against itself. */
  public static KernelRequest symmetric(Architecture architecture, Matrix x1) {
    return new KernelRequest(architecture, x1, null, true, true);
  }

  /** Both kernels of X1 against X2. */
  public static KernelRequest of(Architecture architecture, Matrix x1, Matrix x2) {
    return new KernelRequest(architecture, x1, x2, true, true);
  }

  public boolean isSymmetric() {
    return x2 == null;
  }

  /** X2, or X1 for a symmetric request. */
  public Matrix right() {
    return x2 == null ? x1 : x2;
  }

  public int inputWidth() {
    return x1.cols();
  }
}
