package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.Precision;
import org.ntk4j.backend.opencl.CpuVariant;
import org.ntk4j.backend.opencl.OpenClKernelBackend;
import org.ntk4j.backend.opencl.OpenClSettings;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The OpenCL backend on the reference job (as {@link OracleKernelBenchmark}): NNGP + NTK of a
 * depth-{@code depth} ReLU fully-connected net, X against itself, N × d inputs, in float64 and
 * float32, on OpenCL device {@code device} (PoCL on the CPU here). Entries per second = N² /
 * time (the symmetric request computes the upper triangle and mirrors it). The kernel is built
 * in setup, so the time is the Gram products, the recursion and the copies. {@link ProcessCpu}
 * adds the process's CPU time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class OpenClKernelBenchmark {

  @Param({"4000"})
  public int n;

  @Param({"784"})
  public int d;

  @Param({"5"})
  public int depth;

  @Param({"float64", "float32"})
  public String precision;

  @Param({"0"})
  public int device;

  /** The CPU tile kernel's register block: auto (the device's ISA), avx512, avx2 or plain. */
  @Param({"auto"})
  public String cpuVariant;

  private OpenClKernelBackend backend;
  private KernelRequest request;

  @Setup
  public void setup() {
    request = KernelRequest.symmetric(Architecture.parse(BenchInputs.reluNet(depth)),
        BenchInputs.uniform(n, d, 42));
    Precision p = "float32".equals(precision) ? Precision.FLOAT32 : Precision.FLOAT64;
    backend = new OpenClKernelBackend(OpenClSettings.defaults().withDevice(device)
        .withPrecision(p).withCpuVariant(CpuVariant.named(cpuVariant)));
    backend.compute(KernelRequest.symmetric(request.architecture(), new Matrix(1, d,
        java.util.Arrays.copyOf(request.x1().data(), d))));
  }

  @TearDown
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public Kernels nngpAndNtk(ProcessCpu cpu) {
    Kernels[] k = new Kernels[1];
    cpu.measure(() -> k[0] = backend.compute(request));
    return k[0];
  }
}
