package org.ntk4j.stax;

/**
 * A pass over the layer tree that lives outside the front end: compiling the per-pair kernel
 * program, building a finite network. One method per kind of layer, so a pass handles every
 * layer without asking for its type; every {@link Nonlinearity} is one case, because
 * nonlinearities differ only in their formulas, which each one carries itself.
 *
 * @param <A> what the pass hands a layer (e.g. the branches entering it)
 * @param <R> what a layer gives back (e.g. the branches leaving it)
 */
public interface LayerVisitor<A, R> {
  R dense(Dense layer, A in);

  R nonlinearity(Nonlinearity layer, A in);

  R identity(Identity layer, A in);

  R serial(Serial layer, A in);

  R parallel(Parallel layer, A in);

  R fanOut(FanOut layer, A in);

  R fanInSum(FanInSum layer, A in);

  R fanInProd(FanInProd layer, A in);

  R fanInConcat(FanInConcat layer, A in);
}
