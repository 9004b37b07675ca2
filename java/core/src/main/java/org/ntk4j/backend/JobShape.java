package org.ntk4j.backend;

import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.program.KernelProgram;

/**
 * The size of a kernel job as far as its cost goes, for {@code --backend auto}.
 *
 * @param pairs the input pairs computed: n(n + 1)/2 for a symmetric request, else n1·n2
 * @param features the input width d (each pair's Gram entry is d multiply-adds)
 * @param nonlinearities the nonlinearity steps of the per-pair program (each an expectation)
 */
public record JobShape(long pairs, int features, int nonlinearities) {

  public static JobShape of(KernelRequest request) {
    long n1 = request.x1().rows();
    long n2 = request.right().rows();
    long pairs = request.isSymmetric() ? n1 * (n1 + 1) / 2 : n1 * n2;
    KernelProgram program = KernelProgram.compile(request.architecture(), request.inputWidth());
    return new JobShape(pairs, request.inputWidth(), program.variancePoints());
  }

  /** Both jobs run one after the other on one backend (e.g. train-train, then test-train). */
  public JobShape plus(JobShape other) {
    return new JobShape(pairs + other.pairs, Math.max(features, other.features),
        Math.max(nonlinearities, other.nonlinearities));
  }
}
