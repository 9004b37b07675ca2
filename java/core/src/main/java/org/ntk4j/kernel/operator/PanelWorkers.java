package org.ntk4j.kernel.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run the row panels of one product: each thread takes the
 * next panel until none is left, so uneven panels (a slow disk read) balance themselves. The
 * operators and the preconditioner's products use it, so that a job's thread count bounds them.
 */
public final class PanelWorkers implements AutoCloseable {
  private final int threads;
  private final ExecutorService pool;

  public PanelWorkers(int threads) {
    this.threads = Math.max(1, threads);
    this.pool = Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "ntk4j-operator");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code panel.accept(p)} for every p in [0, panels), in parallel; rethrows failures. */
  public void forEach(int panels, IntConsumer panel) {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> tasks = new ArrayList<>();
    for (int t = 0; t < Math.min(threads, panels); t++) {
      tasks.add(pool.submit(() -> {
        for (int p = next.getAndIncrement(); p < panels; p = next.getAndIncrement()) {
          panel.accept(p);
        }
      }));
    }
    try {
      for (Future<?> f : tasks) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a kernel product", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
