package org.ntk4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.JobShape;
import org.ntk4j.io.AtomicFiles;
import org.ntk4j.io.MatrixFiles;
import org.ntk4j.io.NpyDtype;
import org.ntk4j.kernel.FiniteKernels;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.NonFiniteKernelException;
import org.ntk4j.kernel.tile.JobFingerprint;
import org.ntk4j.kernel.tile.NpyTileSink;
import org.ntk4j.kernel.tile.TileSink;
import org.ntk4j.kernel.tile.TileSinks;
import org.ntk4j.kernel.tile.TiledKernelBackend;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.linalg.MatrixAllocator;
import org.ntk4j.linalg.NativeMemory;
import org.ntk4j.linalg.Placement;
import org.ntk4j.report.ProgressBar;
import org.ntk4j.stax.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j kernel}: the NNGP and NTK of an architecture between the rows of X1 and X2. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = {
        "Computes the infinite-width NNGP and NTK kernels of an architecture between the rows "
            + "of X1 and X2 (or X1 and itself).",
        "Inputs are .npy files (float32/64 or integers, 1-D or 2-D), numeric CSV files "
            + "(csv, csv.gz; a header line is skipped) or a shipped data set: 'digits' (UCI 8x8 "
            + "digits, 1797x64, standardized per pixel), 'digits-raw', 'digits-scaled'.",
        "Outputs are written atomically as .npy (or CSV by name); nothing is written on error."},
    footer = {"", "Example:",
        "  ntk4j kernel --x1 digits --out-ntk ntk.npy \\",
        "    --arch \"dense(512, w_std=1.5, b_std=0.05), relu(), dense(1, w_std=1.5)\"", ""})
public final class KernelCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--arch", required = true, paramLabel = "SPEC",
      description = "the architecture, e.g. \"dense(512, w_std=1.5, b_std=0.05), relu(), "
          + "dense(1)\"; top-level commas mean serial")
  String arch;

  @Option(names = "--x1", required = true, paramLabel = "X1",
      description = "inputs, one example per row: a .npy or CSV file, or a data set name")
  String x1;

  @Option(names = "--x2", paramLabel = "X2",
      description = "second inputs (same number of columns); default: X1 (symmetric, computes "
          + "only the upper triangle)")
  String x2;

  @Option(names = "--out-nngp", paramLabel = "FILE", description = "write the NNGP kernel here")
  Path outNngp;

  @Option(names = "--out-ntk", paramLabel = "FILE", description = "write the NTK here")
  Path outNtk;

  @Option(names = "--resume",
      description = "continue an interrupted run from the tiles its .npy outputs already hold "
          + "(device backends stream .npy outputs tile by tile; the result is the same file)")
  boolean resume;

  @Mixin BackendMixin backendOptions;

  @Mixin SparkMixin spark;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    checkOutputs();
    spark.requireMasterForOptions();
    Architecture architecture = Architecture.parse(arch);
    Matrix m1 = InputMatrices.load(x1, "X1");
    String label1 = InputMatrices.label(x1, "X1");
    Matrix m2 = null;
    if (x2 != null) {
      m2 = InputMatrices.load(x2, "X2");
      InputMatrices.requireSameWidth(m1, label1, m2, InputMatrices.label(x2, "X2"));
    }
    architecture.output(m1.cols());
    boolean neither = outNngp == null && outNtk == null;
    KernelRequest request = new KernelRequest(architecture, m1, m2, neither || outNngp != null,
        neither || outNtk != null);
    String fingerprint = JobFingerprint.of(request, backendOptions.precision().cliName());
    if (!resume) {
      clearInterruptedRuns(fingerprint);
    }
    Backends registry = Backends.standard();
    JobShape job = JobShape.of(request);
    // Device backends and Spark stream .npy outputs tile by tile, so only the others need the
    // memory.
    boolean mayStream = !neither && npyOutputsOnly()
        && (spark.enabled() || !"java".equals(chosenBackend(registry, job)));
    if (!mayStream) {
      requireKernelsFit(request);
    }
    Kernels kernels = null;
    List<String> written;
    String backendName;
    long startNanos;
    long elapsedNanos;
    try (KernelBackend backend = spark.enabled() ? spark.open(backendOptions, blockDirectory())
            : backendOptions.open(registry, job);
        ProgressBar bar = ProgressBar.onStderr(spec.commandLine().getErr(), "kernel", "entries",
            0)) {
      boolean stream = backend instanceof TiledKernelBackend && !neither && npyOutputsOnly();
      if (resume && !stream) {
        throw new InvalidInputException("--resume needs a device backend (--backend opencl) or"
            + " --spark-master, and .npy outputs (--out-nngp/--out-ntk)");
      }
      if (mayStream && !stream) {
        requireKernelsFit(request);
      }
      startNanos = System.nanoTime();
      if (stream) {
        written = stream((TiledKernelBackend) backend, request, fingerprint, bar);
      } else {
        kernels = backend.compute(request, storage(), bar);
        written = null;
      }
      elapsedNanos = System.nanoTime() - startNanos;
      // After the run: a Spark backend names the backends its executors used.
      backendName = backend.name();
    }
    if (kernels != null) {
      if (backendOptions.precision() == Precision.FLOAT32) {
        // Backends computing in float64 (java) round to float32 only here.
        FiniteKernels.require(request, kernels, FiniteKernels.FLOAT32_MAX);
      }
      written = write(kernels);
    }
    out.println(summary(request, backendName, elapsedNanos, written));
    out.flush();
    return 0;
  }

  private String chosenBackend(Backends registry, JobShape job) {
    return Backends.AUTO.equals(backendOptions.backend) ? registry.resolveAuto(job)
        : backendOptions.backend;
  }

  /** Where Spark's executors leave their tiles by default: next to the first .npy output. */
  private Path blockDirectory() {
    Path first = outNngp != null ? outNngp : outNtk;
    return first != null && npyOutputsOnly()
        ? first.resolveSibling(first.getFileName() + ".blocks") : null;
  }

  /**
   * Kernels held in memory go off the heap, in the output precision, where native memory is
   * available (so no -Xmx is needed); on the heap as float64 otherwise.
   */
  private MatrixAllocator storage() {
    return NativeMemory.available()
        ? MatrixAllocator.of(backendOptions.precision(), Placement.NATIVE) : MatrixAllocator.HEAP;
  }

  private void requireKernelsFit(KernelRequest request) {
    long n1 = request.x1().rows();
    long n2 = request.right().rows();
    int matrices = (request.nngp() ? 1 : 0) + (request.ntk() ? 1 : 0);
    if (!NativeMemory.available()) {
      MemoryCheck.requireKernelsFit(n1, n2, matrices, Runtime.getRuntime().maxMemory());
      return;
    }
    int width = NpyDtype.of(backendOptions.precision()).size();
    new MemoryPlan().add(String.format(Locale.ROOT, "%d kernel(s) %dx%d %s", matrices, n1, n2,
        backendOptions.precision().cliName()), matrices * n1 * n2 * width, false)
        .require(MemoryPlan.Machine.current(), List.of("compute fewer rows of X1 at a time",
            "--precision float32", "--backend opencl with .npy outputs, which streams the"
                + " kernels to disk tile by tile"));
  }

  private boolean npyOutputsOnly() {
    for (Path p : new Path[] {outNngp, outNtk}) {
      if (p != null && !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes what interrupted runs left next to the outputs ({@code .partial}/{@code .tiles})
   * before a run that starts them over, saying so; leftovers of this same job are refused
   * instead (see {@link NpyTileSink#removeInterrupted}).
   */
  private void clearInterruptedRuns(String fingerprint) {
    Path[] outputs = {outNngp, outNtk};
    for (int k = 0; k < outputs.length; k++) {
      if (outputs[k] != null && NpyTileSink.removeInterrupted(outputs[k], k == 1, fingerprint)) {
        Notice.print(spec.commandLine().getErr(), "removed " + outputs[k] + ".partial and"
            + " .tiles, left by an interrupted run of another job");
      }
    }
  }

  /**
   * Streams the tiles into the .npy outputs (the matrices need not fit in memory); with
   * --resume, continues from the tiles an interrupted run finished. A failed or interrupted
   * run keeps its finished tiles and says how to continue; a refused (non-finite) kernel
   * leaves nothing.
   */
  private List<String> stream(TiledKernelBackend backend, KernelRequest request, String job,
      ProgressBar bar) {
    NpyDtype dtype = NpyDtype.of(backendOptions.precision());
    List<NpyTileSink> files = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (outNngp != null) {
      files.add(new NpyTileSink(outNngp, false, dtype, job, resume));
      names.add(outNngp.toString());
    }
    if (outNtk != null) {
      files.add(new NpyTileSink(outNtk, true, dtype, job, resume));
      names.add(outNtk.toString());
    }
    String howToResume = "the finished tiles stay in " + String.join(" and ", files.stream()
        .map(f -> f.partialFile().toString()).toList()) + "; run the same command with --resume"
        + " to continue";
    PrintWriter err = spec.commandLine().getErr();
    Thread onInterrupt = new Thread(() -> Notice.print(err, "interrupted: " + howToResume));
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (TileSink sink = TileSinks.of(new ArrayList<TileSink>(files))) {
      backend.computeInto(request, sink, bar);
    } catch (NonFiniteKernelException e) {
      files.forEach(NpyTileSink::discard);
      throw e;
    } catch (RuntimeException e) {
      if (!(e instanceof InvalidInputException)
          && files.stream().anyMatch(f -> Files.exists(f.partialFile()))) {
        throw new HintedFailure(e, howToResume);
      }
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException e) {
        // The JVM is exiting (Ctrl-C): the hook reports.
      }
    }
    return names;
  }

  /** Fails before any work if an output cannot be written where asked. */
  private void checkOutputs() {
    OutputFiles.check(new String[] {"--out-nngp", "--out-ntk"}, new Path[] {outNngp, outNtk},
        new String[] {"--x1", "--x2"}, new String[] {x1, x2});
  }

  /** Writes every requested output to a temporary file first, then renames them all. */
  private List<String> write(Kernels kernels) throws Exception {
    try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
      if (outNngp != null) {
        batch.add(MatrixFiles.prepare(outNngp, kernels.nngp(),
            NpyDtype.of(backendOptions.precision())));
      }
      if (outNtk != null) {
        batch.add(MatrixFiles.prepare(outNtk, kernels.ntk(),
            NpyDtype.of(backendOptions.precision())));
      }
      return batch.commit();
    }
  }

  private String summary(KernelRequest request, String backendName, long nanos,
      List<String> written) {
    int n1 = request.x1().rows();
    int n2 = request.right().rows();
    String what = request.nngp() && request.ntk() ? "NNGP+NTK" : request.nngp() ? "NNGP" : "NTK";
    double seconds = nanos / 1e9;
    double rate = (double) n1 * n2 / Math.max(seconds, 1e-9);
    String inputs = "X1 " + request.x1().shape() + (request.isSymmetric() ? ", X2 = X1"
        : ", X2 " + request.right().shape());
    String out = written.isEmpty() ? "nothing written (use --out-nngp/--out-ntk)"
        : "wrote " + String.join(", ", written);
    return String.format(Locale.ROOT, "%s (%d, %d) %s on %s: %s; %.3f s, %s entries/s; %s",
        what, n1, n2, backendOptions.precision().cliName(), backendName, inputs, seconds,
        ProgressBar.count((long) rate), out);
  }
}
