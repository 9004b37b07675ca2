package org.ntk4j.krylov;

import java.util.Locale;
import org.ntk4j.InvalidInputException;

/**
 * An iterative solver stopped at its limit (iterations or memory for its basis) before its error
 * reached the tolerance; the message names both and the fixes. A user error (exit code 2): the
 * problem is too ill-conditioned for the limits given, which options can change.
 */
public final class NotConvergedException extends InvalidInputException {
  public NotConvergedException(String method, int iterations, double error, double tolerance) {
    super(String.format(Locale.ROOT, "%s stopped after %d iterations at a relative error of"
        + " %.2e, above the tolerance %.1e: raise --max-iterations or --tolerance, regularize"
        + " more (--diag-reg), or use --solver direct (a Lanczos basis also stops at half the"
        + " memory Java may use: java -Xmx raises it)", method, iterations, error, tolerance));
  }
}
