package org.ntk4j.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;

/**
 * The backends of one executor JVM, kept open across its tasks: opening a device backend (a
 * context, a compiled kernel program) costs far more than one tile, so a task borrows an open
 * one and gives it back. Concurrent tasks get separate instances. The backends live as long as
 * the JVM; the probes of what can run here run once. A task's backend gets the task's cores
 * ({@code spark.task.cpus}) and, when Spark gave the task a GPU
 * ({@code spark.task.resource.gpu.amount}), that GPU's address as its device index.
 */
final class ExecutorBackends {
  private static final Backends REGISTRY = Backends.standard();
  private static final Map<String, Deque<KernelBackend>> IDLE = new HashMap<>();
  private static final String GPU = "gpu";

  private ExecutorBackends() {}

  /**
   * The name {@code requested} stands for on this executor: {@code auto} chooses for the whole
   * job, as the single-process run does, so every tile of a job is computed by the same backend.
   */
  static String resolve(String requested, JobShape job) {
    return Backends.AUTO.equals(requested) ? REGISTRY.resolveAuto(job) : requested;
  }

  /**
   * Runs {@code work} on an open backend {@code requested} (resolved for {@code job}) with the
   * running task's cores and GPU: borrowed, given back for the next task after {@code work}
   * returns, closed if it failed.
   */
  static <T> T use(String requested, JobShape job, Precision precision,
      Function<KernelBackend, T> work) {
    TaskContext task = TaskContext.get();
    BackendOptions options = new BackendOptions(Math.max(1, task.cpus()), precision,
        Math.max(0, taskGpu()));
    String name = resolve(requested, job);
    KernelBackend open = borrow(name, options);
    T result;
    try {
      result = work.apply(open);
    } catch (RuntimeException | Error e) {
      open.close();
      throw e;
    }
    giveBack(name, options, open);
    return result;
  }

  /** The first GPU Spark assigned to the running task, or -1. */
  static int taskGpu() {
    Map<String, ResourceInformation> resources = TaskContext.get().resourcesJMap();
    ResourceInformation gpu = resources.get(GPU);
    if (gpu == null || gpu.addresses().length == 0) {
      return -1;
    }
    String address = gpu.addresses()[0];
    try {
      return Integer.parseInt(address.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Spark gave this task the GPU '" + address + "', which"
          + " is not a device index: the GPU discovery script must print indices (0, 1, ...)");
    }
  }

  private static KernelBackend borrow(String name, BackendOptions options) {
    synchronized (IDLE) {
      Deque<KernelBackend> idle = IDLE.get(key(name, options));
      if (idle != null && !idle.isEmpty()) {
        return idle.pop();
      }
    }
    return REGISTRY.open(name, options);
  }

  private static void giveBack(String name, BackendOptions options, KernelBackend backend) {
    synchronized (IDLE) {
      IDLE.computeIfAbsent(key(name, options), k -> new ArrayDeque<>()).push(backend);
    }
  }

  private static String key(String name, BackendOptions options) {
    return name + " " + options;
  }
}
