package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.backend.java.JavaBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.ntk4j.stax.RegisteredNonlinearities;

/**
 * The CUDA interpreter without a GPU: cuda/ntk_program.cuh (the code inside the fused tile
 * kernel) compiled as plain C++ with g++, fed the {@link ProgramCode} encoding of each
 * architecture and the (q12, q11, q22) of real input pairs, run as the kernels run it (each
 * input's diagonal program fills its variance table, the pair program reads the two), must
 * reproduce the oracle's NNGP, NTK and diagonals: float64 to 1e-12 of the kernel's scale,
 * float32 to 1e-4. This checks the
 * encoding, every op's semantics and both register-set variants; what it cannot check is the
 * GPU side (Gram tiles, memory layout, launches), which needs a GPU (CudaFloat64ContractTest).
 */
class ProgramInterpreterHostTest {
  private static final int N1 = 7;
  private static final int N2 = 6;
  private static final int D = 5;

  @TempDir static Path dir;
  private static Path binary;

  @BeforeAll
  static void compile() throws Exception {
    assumeTrue(CudaPtxTest.onPath("g++"), "g++ is not on the PATH: cannot build the host"
        + " interpreter");
    copy("/org/ntk4j/cuda/ntk_program.cuh", "ntk_program.cuh");
    copy("/org/ntk4j/cuda/ntk_program_codes.h", "ntk_program_codes.h");
    copy("/org/ntk4j/opencl/ntk_expectations.h", "ntk_expectations.h");
    copy("/org/ntk4j/backend/cuda/program_host.cpp", "program_host.cpp");
    binary = dir.resolve("program_host");
    Process p = new ProcessBuilder("g++", "-std=c++17", "-O1", "-ffp-contract=off",
        "-Wno-unknown-pragmas", "-I", dir.toString(), dir.resolve("program_host.cpp").toString(),
        "-o", binary.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "g++ failed:\n" + log);
  }

  private static void copy(String resource, String name) throws IOException {
    try (InputStream in = ProgramInterpreterHostTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is not on the classpath");
      Files.write(dir.resolve(name), in.readAllBytes());
    }
  }

  static Stream<String> architectures() {
    String d = "dense(16, w_std=1.3, b_std=0.2)";
    return Stream.of(
        d + ", relu(), " + d + ", relu(), " + d + ", relu(), dense(1, w_std=1.1, b_std=0.1)",
        d + ", leakyrelu(0.2), " + d + ", abs(), dense(1)",
        d + ", abrelu(-0.4, 0.9), dense(1)",
        d + ", erf(1.2, 0.8, 0.1), " + d + ", sigmoidlike(), dense(1)",
        d + ", gelu(), " + d + ", gelu(), dense(1)",
        d + ", sin(1.1, 0.9, 0.3), " + d + ", cos(0.8, 1.3, -0.2), dense(1)",
        d + ", rbf(0.7), dense(1)",
        d + ", sign(), dense(1, b_std=0.3)",
        d + ", exp(0.9, 0.5), " + d + ", exp(1.1, -0.1), dense(1)",
        d + ", gaussian(1.2, -0.7), " + d + ", gaussian(0.9, 0.02), dense(1)",
        d + ", hermite(0), " + d + ", hermite(3), " + d + ", hermite(6), dense(1)",
        d + ", polynomial([0.5, 1, -0.3]), " + d + ", polynomial([-1, 0.5, 0.2, -0.1, 0.05]),"
            + " dense(1)",
        d + ", elementwise(\"tanh(x)\", 12), " + d + ", elementwise(\"x * erf(x) + 0.5"
            + " * sin(2 * x) - max(x, 0.3) + 0.1 * abs(x - 0.25) / (1 + x^2)\", 9), dense(1)",
        d + ", fanout(2), parallel(serial(elementwise(\"exp(-x^2/2) - step(x - 0.5)"
            + " + sign(x + 0.2) * sqrt(abs(x) + 1) + log(1 + x^2) + cos(x) - min(x, -1)\", 6), " + d
            + "), relu()), faninsum(), dense(1)",
        d + ", monomial(0), " + d + ", monomial(3), " + d + ", monomial(5), dense(1)",
        d + ", rectifiedmonomial(0), " + d + ", rectifiedmonomial(1), " + d
            + ", rectifiedmonomial(2), dense(1)",
        "dense(16, w_std=1.4, b_std=0.1, parameterization=standard), relu(),"
            + " dense(8, w_std=1.2, parameterization=standard), relu(),"
            + " dense(1, w_std=0.9, b_std=0.3, parameterization=standard)",
        d + ", relu(), fanout(2), parallel(serial(" + d + ", relu(), " + d + "), identity()),"
            + " faninsum(), dense(1)",
        d + ", fanout(3), parallel(serial(relu(), " + d + "), serial(erf(1, 1, 0), " + d
            + "), gelu()), faninsum(), dense(1)",
        d + ", fanout(2), parallel(serial(relu(), " + d + "), serial(sin(1, 1, 0), " + d
            + ")), faninprod(), dense(1)",
        d + ", fanout(2), parallel(serial(relu(), dense(4, w_std=1.1)),"
            + " serial(erf(1, 1, 0), dense(12, w_std=0.8, b_std=0.1))), faninconcat(),"
            + " relu(), dense(1)");
  }

  @Test
  void everyRegisteredNonlinearityIsChecked() {
    RegisteredNonlinearities.assertAllUsedIn("ProgramInterpreterHostTest",
        architectures().collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "float64 {0}")
  @MethodSource("architectures")
  void float64MatchesTheOracle(String spec) throws Exception {
    check(spec, 64, 1e-12);
  }

  @ParameterizedTest(name = "float32 {0}")
  @MethodSource("architectures")
  void float32MatchesTheOracle(String spec) throws Exception {
    check(spec, 32, 1e-4);
  }

  private static void check(String spec, int bits, double tolerance) throws Exception {
    Architecture arch = Architecture.parse(spec);
    Random random = new Random(spec.hashCode());
    Matrix x1 = inputs(N1, random);
    Matrix x2 = inputs(N2, random);
    Kernels oracle = new JavaBackend(1).compute(KernelRequest.of(arch, x1, x2));
    ProgramCode code = ProgramCode.encode(KernelProgram.compile(arch, D));
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < N1; i++) {
      for (int j = 0; j < N2; j++) {
        pairs.add(new double[] {dot(x1, i, x2, j), dot(x1, i, x1, i), dot(x2, j, x2, j)});
      }
    }
    double[][] out = run(code, bits, pairs);
    double scale = 0;
    for (double v : oracle.nngp().data()) {
      scale = Math.max(scale, Math.abs(v));
    }
    double ntkScale = 0;
    for (double v : oracle.ntk().data()) {
      ntkScale = Math.max(ntkScale, Math.abs(v));
    }
    for (int i = 0; i < N1; i++) {
      for (int j = 0; j < N2; j++) {
        int p = i * N2 + j;
        String at = "(" + i + ", " + j + ") of " + spec;
        assertEquals(oracle.nngp().get(i, j), out[p][0], tolerance * scale, "NNGP " + at);
        assertEquals(oracle.ntk().get(i, j), out[p][1], tolerance * ntkScale, "NTK " + at);
        double[] diag = out[pairs.size() + p];
        assertEquals(oracle.nngpDiag1()[i], diag[0], tolerance * scale, "NNGP diagonal " + at);
        assertEquals(oracle.ntkDiag1()[i], diag[1], tolerance * ntkScale, "NTK diagonal " + at);
      }
    }
  }

  /** Gaussian rows of different scales; row 1 is all zeros (a zero-norm input). */
  private static Matrix inputs(int n, Random random) {
    double[] x = new double[n * D];
    for (int i = 0; i < n; i++) {
      double s = i == 1 ? 0 : 0.5 + random.nextDouble();
      for (int k = 0; k < D; k++) {
        x[i * D + k] = s * random.nextGaussian();
      }
    }
    return new Matrix(n, D, x);
  }

  /** x_i·y_j / d, summed left to right as the tile kernel does. */
  private static double dot(Matrix x, int i, Matrix y, int j) {
    double s = 0;
    for (int k = 0; k < D; k++) {
      s = s + x.get(i, k) * y.get(j, k);
    }
    return s / D;
  }

  private static double[][] run(ProgramCode code, int bits, List<double[]> pairs)
      throws Exception {
    StringBuilder in = new StringBuilder();
    in.append(bits).append(' ').append(code.registerSets()).append(' ')
        .append(code.code().length);
    for (int c : code.code()) {
      in.append(' ').append(c);
    }
    in.append('\n').append(code.constants().length);
    for (double c : code.constants()) {
      in.append(' ').append(Double.toHexString(c));
    }
    in.append('\n').append(code.output()).append(' ').append(pairs.size()).append('\n');
    for (double[] p : pairs) {
      in.append(Double.toHexString(p[0])).append(' ').append(Double.toHexString(p[1]))
          .append(' ').append(Double.toHexString(p[2])).append('\n');
    }
    Process p = new ProcessBuilder(binary.toString()).start();
    p.getOutputStream().write(in.toString().getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the host interpreter hung");
    assertEquals(0, p.exitValue(), "the host interpreter failed on its input");
    String[] lines = out.strip().split("\n");
    assertEquals(2 * pairs.size(), lines.length, out);
    double[][] values = new double[lines.length][];
    for (int i = 0; i < lines.length; i++) {
      String[] f = lines[i].trim().split(" ");
      values[i] = new double[] {parse(f[0]), parse(f[1])};
    }
    return values;
  }

  private static double parse(String c) {
    return c.contains("nan") ? Double.NaN : c.contains("inf")
        ? (c.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
        : Double.parseDouble(c);
  }
}
