package org.ntk4j.krylov;

/** Told after every iteration of an iterative solver how far it is (on the solver's thread). */
@FunctionalInterface
public interface SolverListener {
  SolverListener NONE = (method, iteration, error, tolerance) -> { };

  /**
   * @param method what runs, e.g. {@code conjugate gradients}
   * @param iteration iterations done (one block product each)
   * @param error the current relative residual or estimated relative error
   * @param tolerance the value at which the solver stops
   */
  void iteration(String method, int iteration, double error, double tolerance);
}
