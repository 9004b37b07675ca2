package org.ntk4j.spark;

import java.io.Serializable;
import java.util.function.Function;
import org.ntk4j.Precision;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;

/**
 * The backend a job's tasks compute on, as the driver ships it to them: the name asked for
 * ({@code auto}: the best each executor has, chosen for the whole job's size, so that every task
 * of a job uses the same one), the precision, and that size.
 */
record TaskBackend(String requested, Precision precision, long pairs, int features,
    int nonlinearities) implements Serializable {

  TaskBackend(String requested, Precision precision, JobShape job) {
    this(requested, precision, job.pairs(), job.features(), job.nonlinearities());
  }

  /** Runs {@code work} on this task's open backend ({@link ExecutorBackends#use}). */
  <T> T use(Function<KernelBackend, T> work) {
    return ExecutorBackends.use(requested, new JobShape(pairs, features, nonlinearities),
        precision, work);
  }
}
