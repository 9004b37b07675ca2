package org.ntk4j.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;

/**
 * The backends of one executor JVM, kept open across its tasks: opening a device backend (a
 * context, a compiled kernel program) costs far more than one tile, so a task borrows an open
 * one and gives it back. Concurrent tasks get separate instances. The backends live as long as
 * the JVM; the probes of what can run here run once.
 */
final class ExecutorBackends {
  private static final Backends REGISTRY = Backends.standard();
  private static final Map<String, Deque<KernelBackend>> IDLE = new HashMap<>();

  private ExecutorBackends() {}

  /**
   * The name {@code requested} stands for on this executor: {@code auto} chooses for the whole
   * job, as the single-process run does, so every tile of a job is computed by the same backend.
   */
  static String resolve(String requested, JobShape job) {
    return Backends.AUTO.equals(requested) ? REGISTRY.resolveAuto(job) : requested;
  }

  /** An open backend {@code name} (resolved, not auto) with these options. */
  static KernelBackend borrow(String name, BackendOptions options) {
    synchronized (IDLE) {
      Deque<KernelBackend> idle = IDLE.get(key(name, options));
      if (idle != null && !idle.isEmpty()) {
        return idle.pop();
      }
    }
    return REGISTRY.open(name, options);
  }

  /** Returns a backend that computed without failing, for the next task. */
  static void giveBack(String name, BackendOptions options, KernelBackend backend) {
    synchronized (IDLE) {
      IDLE.computeIfAbsent(key(name, options), k -> new ArrayDeque<>()).push(backend);
    }
  }

  private static String key(String name, BackendOptions options) {
    return name + " " + options;
  }
}
