package org.ntk4j.backend.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.ntk4j.backend.BackendInfo;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.BackendProvider;
import org.ntk4j.backend.CpuCostCalibration;
import org.ntk4j.backend.CpuCostModel;
import org.ntk4j.backend.CpuCostModels;
import org.ntk4j.backend.JavaBackendProvider;
import org.ntk4j.Precision;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;
import org.ntk4j.kernel.KernelRequest;
import org.ntk4j.linalg.Matrix;
import org.ntk4j.stax.Architecture;

/**
 * The {@code opencl} backend in the registry: available when a platform with a device exists;
 * the listing shows each device (fp64, memory) and whether a kernel builds on it. {@code auto}
 * prefers an OpenCL GPU over the Java oracle; a CPU device (PoCL) only for jobs where its cost
 * model beats the oracle's (its start-up is paid back by a faster Gram and recursion on large
 * jobs), and never for a job not known in advance. Both models are measured on this machine the
 * first time they are needed, and cached ({@link CpuCostModels}).
 */
public final class OpenClBackendProvider implements BackendProvider {
  private final Supplier<CpuCostModel> cpuDevice;
  private final Supplier<CpuCostModel> oracle;

  public OpenClBackendProvider() {
    CpuCostModels cache = CpuCostModels.standard();
    this.cpuDevice = memoized(() -> {
      OpenClDevice device = OpenClPlatforms.probe().device(0);
      return cache.model("opencl " + device.name(), () -> calibrate(device));
    });
    this.oracle = memoized(() -> cache.model("java", JavaBackendProvider::calibrate));
  }

  /** With the cost models {@code auto} compares on a CPU device (tests inject their own). */
  OpenClBackendProvider(CpuCostModel cpuDevice, CpuCostModel oracle) {
    this.cpuDevice = () -> cpuDevice;
    this.oracle = () -> oracle;
  }

  /**
   * The cost model of a CPU device, measured now. Its start-up is what a job with a new
   * architecture pays: the context and a kernel build PoCL has not cached (the calibration's
   * architecture has a weight never used before).
   */
  static CpuCostModel calibrate(OpenClDevice device) {
    OpenClSettings settings = OpenClSettings.defaults().withDevice(device.index())
        .withPrecision(device.fp64() ? Precision.FLOAT64 : Precision.FLOAT32);
    OpenClKernelBackend[] opened = new OpenClKernelBackend[1];
    try {
      // Start-up is one thread compiling: its CPU time is its time on a free machine.
      double setup = CpuCostCalibration.busySeconds(() -> {
        opened[0] = new OpenClKernelBackend(settings);
        double w = 1 + ThreadLocalRandom.current().nextDouble();
        opened[0].compute(KernelRequest.symmetric(Architecture.parse("dense(1, w_std=" + w
            + "), relu(), dense(1)"), Matrix.of(new double[] {1.0})));
      });
      return CpuCostCalibration.measure(opened[0], setup);
    } finally {
      if (opened[0] != null) {
        opened[0].close();
      }
    }
  }

  private static <T> Supplier<T> memoized(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }

  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public BackendInfo probe() {
    OpenClProbe probe = OpenClPlatforms.probe();
    if (!probe.available()) {
      return BackendInfo.unavailable(name(), "OpenCL (JOCL 2.0.6)", probe.problems());
    }
    List<String> lines = new ArrayList<>();
    for (OpenClDevice d : probe.devices()) {
      String block = d.isGpu() ? "" : ", CPU tile block "
          + CpuVariant.forDevice(d.name(), d.nativeDoubleWidth()).name().toLowerCase(Locale.ROOT);
      lines.add(d.describe() + block + ", kernel build: " + buildStatus(d));
    }
    for (String p : probe.problems()) {
      lines.add("note: " + p);
    }
    return new BackendInfo(name(), true, lines, "OpenCL (JOCL 2.0.6), " + probe.devices().size()
        + " device(s); --device N picks one");
  }

  /** Builds and runs a one-layer kernel on the device: "ok" or the first line of the error. */
  private static String buildStatus(OpenClDevice device) {
    OpenClSettings settings = OpenClSettings.defaults().withDevice(device.index())
        .withPrecision(device.fp64() ? Precision.FLOAT64 : Precision.FLOAT32);
    try (OpenClKernelBackend backend = new OpenClKernelBackend(settings)) {
      backend.compute(KernelRequest.symmetric(Architecture.parse("dense(1), relu()"),
          Matrix.of(new double[] {1.0})));
      return "ok";
    } catch (RuntimeException | LinkageError e) {
      String m = String.valueOf(e.getMessage());
      return "FAILED (" + m.lines().findFirst().orElse(m) + ")";
    }
  }

  /**
   * The system property that caps the tile edge (default
   * {@value OpenClSettings#DEFAULT_MAX_TILE_EDGE}); small values make many small tiles, e.g. to
   * test resuming.
   */
  public static final String MAX_TILE_EDGE_PROPERTY = "ntk4j.opencl.maxTileEdge";

  /**
   * The system property that forces the CPU tile kernel's register block ({@code avx512},
   * {@code avx2}, {@code plain}; default {@code auto}: the device's ISA), e.g. to compare them.
   */
  public static final String CPU_VARIANT_PROPERTY = "ntk4j.opencl.cpuVariant";

  @Override
  public KernelBackend open(BackendOptions options) {
    return new OpenClKernelBackend(OpenClSettings.defaults().withDevice(options.device())
        .withPrecision(options.precision()).withMaxTileEdge(
            Integer.getInteger(MAX_TILE_EDGE_PROPERTY, OpenClSettings.DEFAULT_MAX_TILE_EDGE))
        .withCpuVariant(CpuVariant.named(System.getProperty(CPU_VARIANT_PROPERTY))));
  }

  @Override
  public int autoRank(BackendInfo info) {
    return autoRank(info, null);
  }

  @Override
  public int autoRank(BackendInfo info, JobShape job) {
    boolean gpu = OpenClPlatforms.probe().devices().stream().anyMatch(OpenClDevice::isGpu);
    return rank(gpu, job);
  }

  /** 10 with a GPU; with CPU devices only, 1 (ahead of the oracle) where the models say so. */
  int rank(boolean gpu, JobShape job) {
    if (gpu) {
      return 10;
    }
    return job != null && cpuDevice.get().seconds(job) < oracle.get().seconds(job) ? 1 : -1;
  }
}
