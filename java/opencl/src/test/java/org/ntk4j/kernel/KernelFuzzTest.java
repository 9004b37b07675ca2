package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.Precision;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The kernel fuzz suite: seeded random architectures and inputs ({@link FuzzCase}) through
 * every backend CI runs. For each case and input scale:
 * <ul>
 *   <li>finite or refused: the result is finite everywhere, or a {@link
 *       NonFiniteKernelException} (nothing else is thrown);
 *   <li>a symmetric request gives an exactly symmetric, positive semidefinite matrix (up to
 *       rounding, amplified by the kernel's conditioning);
 *   <li>a duplicate row gets exactly the kernels of its original, and a rectangular request
 *       the same entries as the symmetric one for the rows they share;
 *   <li>device backends agree with the float64 oracle within a tolerance scaled by the case's
 *       sensitivity to rounding (below), and refuse when it does (float32: also beyond its
 *       range).
 * </ul>
 *
 * <p>Sensitivity: deep networks can amplify rounding exponentially with depth (the chaotic
 * phase), and nearly parallel pairs, which deep networks make of most inputs, turn rounding ε
 * into √ε; no fixed tolerance fits every case. {@link NoisyOracle} replays the oracle's formulas
 * with perturbations of 4ε (the backend's ε) injected after every layer; the largest change,
 * relative to each entry's Cauchy–Schwarz scale, times 8 is the case's tolerance (at least
 * 1e-13 in float64, 1e-6 in float32), and n times it bounds how far below zero rounding may
 * push the smallest eigenvalue. Inputs whose tolerance exceeds 1e-2 are not compared (counted;
 * at least one input per case must be compared on average).
 *
 * <p>Seeded and bounded: each case is drawn from its own seed (printed with any failure), and
 * no case starts after {@code ntk4j.fuzz.seconds} (60) per backend once a quarter of them ran.
 * {@code -Dntk4j.fuzz.seed=S}, {@code -Dntk4j.fuzz.cases=N} (12 per OpenCL precision, whose
 * compilation of each new architecture dominates; 20 times as many on the oracle) repeat or
 * widen a run.
 */
class KernelFuzzTest {
  private static final long SEED = Long.getLong("ntk4j.fuzz.seed", 20261201L);
  private static final int DEVICE_CASES = Integer.getInteger("ntk4j.fuzz.cases", 12);
  /** Time per backend after which no further case starts (once a quarter of them ran). */
  private static final long BUDGET_NANOS =
      Long.getLong("ntk4j.fuzz.seconds", 60) * 1_000_000_000L;

  static Stream<TestedBackend> backends() {
    return TestedBackend.all().stream();
  }

  /** What one backend did with one input: its kernels, or the refusal. */
  private record Outcome(Kernels kernels, NonFiniteKernelException refusal) {
    static Outcome of(KernelBackend backend, KernelRequest request) {
      try {
        return new Outcome(backend.compute(request), null);
      } catch (NonFiniteKernelException e) {
        return new Outcome(null, e);
      }
    }

    boolean refused() {
      return refusal != null;
    }
  }

  private int compared;
  private int illConditioned;
  private int refused;

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void randomArchitecturesAreFiniteOrRefusedSymmetricPsdAndAgreeWithTheOracle(
      TestedBackend tested) {
    boolean oracle = tested.name().equals("java");
    int planned = oracle ? 20 * DEVICE_CASES : DEVICE_CASES;
    int cases = 0;
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    try (KernelBackend backend = tested.open(); JavaBackend reference = new JavaBackend(2)) {
      for (int c = 0; c < planned && (4 * c < planned
          || System.nanoTime() - start < BUDGET_NANOS); c++) {
        cases++;
        FuzzCase fuzz = FuzzCase.of(SEED + c);
        try {
          check(tested, backend, oracle ? null : reference, fuzz);
        } catch (AssertionError e) {
          failures.add(fuzz + "\n    " + e.getMessage());
        }
      }
    }
    String summary = String.format(Locale.ROOT, "%s: %d of %d cases (seed %d) x 3 inputs in"
        + " %.1f s: %d compared with the oracle, %d ill-conditioned, %d refused", tested, cases,
        planned, SEED, (System.nanoTime() - start) / 1e9, compared, illConditioned, refused);
    System.out.println(summary);
    if (!failures.isEmpty()) {
      fail(failures.size() + " failing cases (" + summary + "):\n" + String.join("\n",
          failures));
    }
    assertTrue(oracle || compared >= cases, "too few inputs compared: " + summary);
  }

  private void check(TestedBackend tested, KernelBackend backend, JavaBackend reference,
      FuzzCase fuzz) {
    Architecture a = Architecture.parse(fuzz.spec());
    boolean float32 = tested.precision() == Precision.FLOAT32;
    for (int v = 0; v < fuzz.inputs().size(); v++) {
      Matrix x = fuzz.inputs().get(v);
      String where = "input " + v;
      Outcome got = Outcome.of(backend, KernelRequest.symmetric(a, x));
      // The device's inputs as it stores them, so that only its arithmetic is compared.
      Matrix in = float32 ? roundedToFloat(x) : x;
      double sensitivity = NoisyOracle.sensitivity(a, in, 4 * tested.epsilon(), fuzz.seed());
      double tolerance = Math.max(float32 ? 1e-6 : 1e-13, 8 * sensitivity);
      if (got.refused()) {
        refused++;
        String m = got.refusal().getMessage();
        assertTrue((m.contains(" at row ") || m.contains(" with itself "))
            && (m.contains(" overflows in layer ") || m.contains("the inputs' variances")), m);
      } else {
        properties(tested, where, got.kernels(), x, tolerance);
        if (v == 1) {
          rectangular(backend, a, fuzz, got.kernels(), where);
        }
      }
      if (reference != null) {
        agreement(tested, reference, a, in, got, where, tolerance);
      }
    }
  }

  /** Finite, exactly symmetric, PSD (to rounding, see the class comment), duplicates exact. */
  private static void properties(TestedBackend tested, String where, Kernels k, Matrix x,
      double tolerance) {
    for (double[] d : new double[][] {k.nngp().toDoubleArray(), k.ntk().toDoubleArray(), k.nngpDiag1(),
        k.ntkDiag1()}) {
      KernelAssertions.assertFinite(where, d);
    }
    int n = x.rows();
    for (Matrix m : new Matrix[] {k.nngp(), k.ntk()}) {
      KernelAssertions.assertSymmetric(where, m);
      // (A replay that itself overflows measures nothing: then no PSD bound is claimed.)
      if (Double.isFinite(tolerance)) {
        KernelAssertions.assertPositiveSemidefinite(where, m,
            n * Math.max(1e3 * tested.epsilon(), tolerance));
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j && java.util.Arrays.equals(x.row(i), x.row(j))
              && (Double.compare(m.get(i, j), m.get(i, i)) != 0
              || Double.compare(m.get(j, j), m.get(i, i)) != 0)) {
            fail(where + ": rows " + i + " and " + j + " are equal but K(i, j) = " + m.get(i, j)
                + ", K(i, i) = " + m.get(i, i) + ", K(j, j) = " + m.get(j, j));
          }
        }
      }
    }
  }

  /** X1 against X2 (some of X1's rows and new ones): shared rows give the same entries. */
  private static void rectangular(KernelBackend backend, Architecture a, FuzzCase fuzz,
      Kernels symmetric, String where) {
    Matrix x = fuzz.inputs().get(1);
    Outcome r = Outcome.of(backend, KernelRequest.of(a, x, fuzz.second()));
    if (r.refused()) {
      return;
    }
    KernelAssertions.assertFinite(where + " rectangular", r.kernels().ntk().toDoubleArray());
    for (int j = 0; j < fuzz.secondRows().length; j++) {
      int src = fuzz.secondRows()[j];
      if (src < 0) {
        continue;
      }
      for (int i = 0; i < x.rows(); i++) {
        if (Double.compare(symmetric.ntk().get(i, src), r.kernels().ntk().get(i, j)) != 0
            || Double.compare(symmetric.nngp().get(i, src), r.kernels().nngp().get(i, j)) != 0) {
          fail(where + ": X2 row " + j + " is X1 row " + src + " but the rectangular NTK ("
              + i + ", " + j + ") = " + r.kernels().ntk().get(i, j) + " differs from the"
              + " symmetric " + symmetric.ntk().get(i, src));
        }
      }
    }
  }

  /** The device against the float64 oracle on the same (rounded) inputs. */
  private void agreement(TestedBackend tested, JavaBackend reference, Architecture a, Matrix in,
      Outcome got, String where, double tolerance) {
    boolean float32 = tested.precision() == Precision.FLOAT32;
    Outcome oracle = Outcome.of(reference, KernelRequest.symmetric(a, in));
    double limit = float32 ? 1e30 : 1e290;
    if (oracle.refused()) {
      if (!got.refused()) {
        fail(where + ": the oracle refuses (" + oracle.refusal().getMessage() + ") but "
            + tested + " gives finite kernels");
      }
      return;
    }
    double range = range(oracle.kernels());
    if (got.refused()) {
      // A float32 refusal naming the layer whose float64 values leave float32's range is
      // right even when later layers bring them back.
      boolean namedLayer = float32 && got.refusal().getMessage().contains(
          "float32 overflows in layer");
      if (!namedLayer && !(range > limit || range < 1 / limit)) {
        fail(where + ": " + tested + " refuses (" + got.refusal().getMessage() + ") but the"
            + " oracle's kernels are finite, within [" + 1 / limit + ", " + limit + "]");
      }
      return;
    }
    if (range > limit || range < 1 / limit || !(tolerance <= 1e-2)) {
      illConditioned++;
      return;
    }
    compared++;
    compare(where + " NNGP", oracle.kernels().nngp(), got.kernels().nngp(),
        oracle.kernels().nngpDiag1(), tolerance);
    compare(where + " NTK", oracle.kernels().ntk(), got.kernels().ntk(),
        oracle.kernels().ntkDiag1(), tolerance);
  }

  /** The smallest diagonal entry and the largest |entry| as one number out of range if either is. */
  private static double range(Kernels k) {
    double max = 0;
    double minDiagonal = Double.POSITIVE_INFINITY;
    for (Matrix m : new Matrix[] {k.nngp(), k.ntk()}) {
      for (double v : m.toDoubleArray()) {
        max = Math.max(max, Math.abs(v));
      }
    }
    for (double[] d : new double[][] {k.nngpDiag1(), k.ntkDiag1()}) {
      for (double v : d) {
        if (v != 0) {
          minDiagonal = Math.min(minDiagonal, Math.abs(v));
        }
      }
    }
    return max > 1 / minDiagonal ? max : minDiagonal == Double.POSITIVE_INFINITY ? 1 : Math.min(
        minDiagonal, max == 0 ? 1 : max);
  }

  private static void compare(String what, Matrix oracle, Matrix device, double[] diagonal,
      double tolerance) {
    for (int i = 0; i < oracle.rows(); i++) {
      for (int j = 0; j < oracle.cols(); j++) {
        double o = oracle.get(i, j);
        double scale = Math.max(Math.abs(o), Math.sqrt(Math.abs(diagonal[i] * diagonal[j])));
        double err = Math.abs(device.get(i, j) - o);
        if (!(err <= tolerance * scale || err <= Double.MIN_NORMAL)) {
          fail(String.format(Locale.ROOT, "%s (%d, %d): device %s, oracle %s, error %.3g of"
              + " the scale %.3g > tolerance %.3g", what, i, j, device.get(i, j), o,
              err / scale, scale, tolerance));
        }
      }
    }
  }

  private static Matrix roundedToFloat(Matrix x) {
    Matrix y = x.copy();
    for (int i = 0; i < y.data().length; i++) {
      y.data()[i] = (float) y.data()[i];
    }
    return y;
  }
}
