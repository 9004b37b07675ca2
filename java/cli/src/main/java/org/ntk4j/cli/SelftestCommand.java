package org.ntk4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.BackendInfo;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ntk4j selftest}: every backend that can run here against the Java oracle on fresh
 * random inputs, one row per (layer, backend, precision) with the relative error of the NNGP
 * and NTK (max |backend − oracle| / max |oracle| over the symmetric and the rectangular
 * request, matrices and diagonals); exit 1 when any row misses its tolerance.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
    description = "Checks every backend that can run here against the pure-Java oracle on fresh"
        + " random inputs and prints the relative errors per layer and precision. Exit code 1"
        + " when any error exceeds its tolerance (float64 1e-10, float32 1e-4).")
public final class SelftestCommand implements Callable<Integer> {
  static final double FLOAT64_TOLERANCE = 1e-10;
  static final double FLOAT32_TOLERANCE = 1e-4;

  @Option(names = "--seed", paramLabel = "S",
      description = "seed of the random inputs. Default: a fresh one (printed).")
  Long seed;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "67",
      description = "rows of X1 (X2 has N/2 + 3). Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--width", paramLabel = "D", defaultValue = "19",
      description = "input width d. Default: ${DEFAULT-VALUE}.")
  int width;

  @Option(names = "--backend", paramLabel = "NAME", split = ",",
      description = "backends to check (comma-separated). Default: every one that can run.")
  List<String> only;

  @Option(names = "--layers", paramLabel = "LABEL", split = ",",
      description = "rows to check (comma-separated labels as the table shows them). Default:"
          + " all.")
  List<String> layers;

  @Spec CommandSpec spec;

  private final Backends registry;

  public SelftestCommand() {
    this(Backends.standard());
  }

  /** Checks the backends of {@code registry} (tests use their own). */
  SelftestCommand(Backends registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    if (rows < 2 || width < 1) {
      throw new InvalidInputException("--rows must be at least 2 and --width at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    long s = seed != null ? seed : new Random().nextLong();
    Random random = new Random(s);
    Matrix x1 = SelftestCases.inputs(rows, width, random);
    Matrix x2 = SelftestCases.inputs(rows / 2 + 3, width, random);
    Map<String, String> cases = cases();
    out.printf(Locale.ROOT, "ntk4j selftest: seed %d, X1 %dx%d, X2 %dx%d; relative error ="
        + " max|backend - oracle| / max|oracle|%n", s, x1.rows(), width, x2.rows(), width);
    List<BackendInfo> backends = chosen(out);
    String row = "%-22s %-8s %-8s %10s %10s %9s  %s%n";
    out.printf(Locale.ROOT, row, "layer", "backend", "precision", "NNGP", "NTK", "tolerance",
        "result");
    int misses = 0;
    int checked = 0;
    JavaBackend oracle = new JavaBackend();
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Architecture arch = SelftestCases.architecture(c.getValue());
      Kernels refSym = oracle.compute(KernelRequest.symmetric(arch, x1));
      Kernels refRect = oracle.compute(KernelRequest.of(arch, x1, x2));
      for (BackendInfo b : backends) {
        for (Precision p : precisions(b)) {
          double tol = p == Precision.FLOAT64 ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
          String[] result = check(registry, b.name(), p, arch, x1, x2, refSym, refRect, tol);
          out.printf(Locale.ROOT, row, c.getKey(), b.name(), p.cliName(), result[0], result[1],
              String.format(Locale.ROOT, "%.0e", tol), result[2]);
          if (result[2].startsWith("MISS")) {
            misses++;
          }
          checked++;
        }
      }
      out.flush();
    }
    out.printf(Locale.ROOT, "%d of %d checks within tolerance (seed %d)%n", checked - misses,
        checked, s);
    return misses == 0 ? 0 : 1;
  }

  private Map<String, String> cases() {
    Map<String, String> all = SelftestCases.specs();
    if (layers == null) {
      return all;
    }
    Map<String, String> picked = new java.util.LinkedHashMap<>();
    for (String label : layers) {
      if (!all.containsKey(label)) {
        throw new InvalidInputException("unknown --layers label '" + label + "'; choose from "
            + String.join(", ", all.keySet()));
      }
      picked.put(label, all.get(label));
    }
    return picked;
  }

  /** The oracle computes in float64 whatever is asked, so only float64 is worth a row. */
  private static Precision[] precisions(BackendInfo b) {
    return b.name().equals("java") ? new Precision[] {Precision.FLOAT64} : Precision.values();
  }

  private List<BackendInfo> chosen(PrintWriter out) {
    List<BackendInfo> use = new ArrayList<>();
    for (BackendInfo b : registry.list()) {
      boolean wanted = only == null || only.contains(b.name());
      if (wanted && b.available()) {
        use.add(b);
      } else if (wanted) {
        out.println("skipping " + b.name() + ": " + String.join("; ", b.reasons()));
      }
    }
    if (only != null) {
      for (String name : only) {
        registry.info(name); // an unknown name is a one-line error
      }
    }
    if (use.isEmpty()) {
      throw new InvalidInputException("no backend to check: none of " + only + " can run here");
    }
    return use;
  }

  /** {NNGP error, NTK error, "ok" | "MISS" | "n/a: why"} for one backend and precision. */
  private static String[] check(Backends registry, String name, Precision p, Architecture arch,
      Matrix x1, Matrix x2, Kernels refSym, Kernels refRect, double tol) {
    Kernels sym;
    Kernels rect;
    try (KernelBackend backend = registry.open(name, BackendOptions.defaults().withPrecision(p))) {
      sym = backend.compute(KernelRequest.symmetric(arch, x1));
      rect = backend.compute(KernelRequest.of(arch, x1, x2));
    } catch (InvalidInputException e) {
      return new String[] {"-", "-", "n/a: " + e.getMessage()};
    } catch (RuntimeException e) {
      return new String[] {"-", "-", "MISS: failed: " + e};
    }
    double nngp = Math.max(Errors.kernel(sym, refSym, true), Errors.kernel(rect, refRect, true));
    double ntk = Math.max(Errors.kernel(sym, refSym, false), Errors.kernel(rect, refRect, false));
    boolean ok = nngp <= tol && ntk <= tol;
    return new String[] {String.format(Locale.ROOT, "%.2e", nngp),
        String.format(Locale.ROOT, "%.2e", ntk), ok ? "ok" : "MISS"};
  }

  /** Relative errors of computed kernels against the oracle's. */
  static final class Errors {
    private Errors() {}

    /** Worst of the matrix and both diagonals of the NNGP ({@code nngp}) or the NTK. */
    static double kernel(Kernels k, Kernels ref, boolean nngp) {
      Matrix m = nngp ? k.nngp() : k.ntk();
      Matrix r = nngp ? ref.nngp() : ref.ntk();
      double e = relative(m.data(), r.data());
      e = Math.max(e, relative(nngp ? k.nngpDiag1() : k.ntkDiag1(),
          nngp ? ref.nngpDiag1() : ref.ntkDiag1()));
      return Math.max(e, relative(nngp ? k.nngpDiag2() : k.ntkDiag2(),
          nngp ? ref.nngpDiag2() : ref.ntkDiag2()));
    }

    /** max |a − b| / max |b| (NaN anywhere in a counts as infinite error). */
    static double relative(double[] a, double[] b) {
      if (a == null || a.length != b.length) {
        return Double.POSITIVE_INFINITY;
      }
      double diff = 0;
      double scale = 0;
      for (int i = 0; i < a.length; i++) {
        double d = Math.abs(a[i] - b[i]);
        diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
        scale = Math.max(scale, Math.abs(b[i]));
      }
      return scale == 0 ? diff : diff / scale;
    }
  }
}
