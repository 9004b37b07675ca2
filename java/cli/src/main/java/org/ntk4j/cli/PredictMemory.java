package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.Precision;
import org.ntk4j.linalg.LinearAlgebra;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.NativeLinearAlgebra;
import org.ntk4j.linalg.Placement;
import org.ntk4j.predict.PredictionSpec;
import org.ntk4j.predict.Predictor;
import org.ntk4j.predict.TrainingSchedule;

/**
 * The memory plan of {@code ntk4j predict}: the kernels it computes (only those it reads), and
 * what its linear algebra adds on top (in-place Cholesky adds nothing natively; an
 * eigendecomposition adds its eigenvectors and workspace; the pure-Java oracle works on heap
 * copies), with the fixes to offer when the plan does not fit.
 */
final class PredictMemory {
  private PredictMemory() {}

  /** How the linear algebra stores what it works on: bytes per value, on the heap or not. */
  private record Storage(int width, boolean heap, boolean inPlace) {
    static Storage of(LinearAlgebra la) {
      try (Matrix probe = la.allocator().allocate(1, 1)) {
        return new Storage((int) probe.bytes(), probe.placement() == Placement.HEAP,
            la instanceof NativeLinearAlgebra);
      }
    }

    Storage withWidth(int w) {
      return new Storage(w, heap, inPlace);
    }
  }

  /**
   * @param n training examples
   * @param m test examples (0 without a test set)
   * @param outputs target columns
   */
  static MemoryPlan plan(long n, long m, int outputs, PredictionSpec spec, LinearAlgebra la) {
    return plan(n, m, outputs, spec, Storage.of(la));
  }

  private static MemoryPlan plan(long n, long m, int outputs, PredictionSpec spec,
      Storage st) {
    long w = st.width();
    long nn = n * n;
    boolean blocks = Predictor.streamsTestRows(spec, m > 0);
    PredictionSpec.KernelNeeds needs = spec.needs(m > 0);
    int kinds = (needs.nngp() ? 1 : 0) + (needs.ntk() ? 1 : 0);
    // Gradient descent at t = inf holds one block of test rows (one kind) at a time.
    long testRows = blocks ? Math.min(m, Math.max(1, Predictor.TEST_BLOCK_BYTES / (n * w))) : m;
    MemoryPlan p = new MemoryPlan()
        .add(String.format(Locale.ROOT, "%d train-train kernel(s) %dx%d", kinds, n, n),
            kinds * nn * w, st.heap())
        .add(String.format(Locale.ROOT, "%d test-train kernel(s) %dx%d", kinds, testRows, n),
            needs.testTrain() ? kinds * testRows * n * w : 0, st.heap())
        .add(String.format(Locale.ROOT, "test-test kernel %dx%d", m, m),
            needs.testTest() != null ? m * m * w : 0, st.heap());
    TrainingSchedule s = spec.schedule();
    boolean finite = !s.isInfinityOnly();
    boolean infinite = false;
    for (int i = 0; i < s.size(); i++) {
      infinite |= s.isInfinite(i);
    }
    // The oracle computes on float64 heap arrays, copying what it factors.
    long laWidth = st.inPlace() ? w : Double.BYTES;
    boolean laHeap = st.heap() || !st.inPlace();
    if (finite) {
      long work = st.inPlace() && !NativeLinearAlgebra.syevdWorkIndexable(n) ? nn : 2 * nn;
      p.add("eigendecomposition (copy, eigenvectors, workspace)", (nn + work) * laWidth, laHeap)
          .add(String.format(Locale.ROOT, "test-train kernel times eigenvectors %dx%d", m, n),
              m * n * laWidth, laHeap);
    }
    boolean consuming = spec.mode() == PredictionSpec.Mode.GD;
    if (infinite && (!st.inPlace() || !consuming)) {
      p.add("Cholesky factorization (copies)", (consuming ? 2 : 3) * nn * laWidth, laHeap);
    }
    p.add("outputs", (long) s.size() * (n + m) * outputs * Double.BYTES, true);
    return p;
  }

  /** What to offer when the plan for {@code n} training examples does not fit this machine. */
  static List<String> fixes(long n, long m, int outputs, PredictionSpec spec,
      LinearAlgebra la, Precision precision) {
    MemoryPlan.Machine machine = MemoryPlan.Machine.current();
    Storage st = Storage.of(la);
    List<String> out = new ArrayList<>();
    long lo = 0;
    long hi = st.inPlace() ? Math.min(n, NativeLinearAlgebra.MAX_SQUARE_ORDER) : n;
    while (lo < hi) { // the largest training set whose plan fits
      long mid = (lo + hi + 1) / 2;
      if (plan(mid, m, outputs, spec, st).fits(machine)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    out.add(lo > 0 ? "use at most " + lo + " training examples" : "use fewer test examples");
    if (precision == Precision.FLOAT64 && st.inPlace()) {
      MemoryPlan half = plan(n, m, outputs, spec, st.withWidth(Float.BYTES));
      out.add(String.format(Locale.ROOT, "--precision float32 (%.1f GiB%s)",
          half.totalBytes() / (double) (1L << 30), half.fits(machine) ? ", which fits"
              : ", which does not fit either"));
    }
    MemoryPlan full = plan(n, m, outputs, spec, st);
    if (full.heapBytes() > machine.heapFree() && machine.physicalAvailable() > 0
        && full.totalBytes() < machine.physicalAvailable() * (1 - MemoryPlan.PHYSICAL_RESERVE)) {
      long gib = (long) Math.ceil(full.heapBytes() * 1.25 / (1L << 30)) + 1;
      out.add("run java -Xmx" + gib + "g -jar ntk4j.jar ...");
    }
    if (spec.iterativeLimitation().isEmpty()) {
      out.add("--solver iterative (conjugate gradients / Lanczos over the kernel, never"
          + " factored)");
    }
    return out;
  }

  /**
   * The iterative path with kernels from an architecture: the train-train kernel stored once
   * ({@code width} bytes per value, 0 when recomputed), the preconditioner's factor (two N × r
   * float64 copies while it is assembled) and a few N × k solver blocks; the test-train kernel
   * is recomputed, never held.
   *
   * @param heap whether the kernel is stored on the heap (no native memory)
   */
  static MemoryPlan iterativePlan(long n, int outputs, int width, boolean heap, int rank) {
    return new MemoryPlan()
        .add(String.format(Locale.ROOT, "train-train kernel %dx%d", n, n), n * n * width, heap)
        .add(String.format(Locale.ROOT, "rank-%d preconditioner", rank),
            2 * n * rank * Double.BYTES, true)
        .add("solver vectors", 8 * n * outputs * Double.BYTES, true);
  }

  /**
   * Adds what a Cholesky factorization at t = ∞ of a copy of the stored kernel holds: the copy
   * (factored in place natively; the oracle's heap copies besides).
   */
  static void addCholeskyCopy(MemoryPlan plan, long n, LinearAlgebra la) {
    Storage st = Storage.of(la);
    plan.add(String.format(Locale.ROOT, "Cholesky factor %dx%d", n, n),
        n * n * (st.inPlace() ? st.width() : 3L * Double.BYTES), st.heap() || !st.inPlace());
  }

  /** What to offer when {@link #iterativePlan} does not fit. */
  static List<String> iterativeFixes(Precision precision, boolean recomputing, String kind) {
    List<String> out = new ArrayList<>();
    if (!recomputing) {
      if (precision == Precision.FLOAT64) {
        out.add("--precision float32 (half the kernel)");
      }
      out.add("store the kernel on disk with 'ntk4j kernel --out-" + kind + " K.npy"
          + " --backend opencl' and pass --k-train K.npy (read from the file, never loaded)");
      out.add("--recompute-kernel (never stored, one kernel computation per iteration)");
    }
    out.add("--preconditioner-rank 0 (no preconditioner, more iterations)");
    return out;
  }
}
