package org.ntk4j.backend.cuda;

import jcuda.driver.CUfunction;
import org.ntk4j.Precision;

/**
 * The two numbers a kernel's throughput is judged against on this GPU (cuda/ntk_probe.cu):
 * device-memory copy bandwidth and the FMA rate, measured by running the probes (the caller
 * times them, e.g. JMH in CudaRooflineBenchmark).
 */
public final class CudaRoofline implements AutoCloseable {
  private static final int THREADS = 256;
  /** FMA steps per chain; 8 chains per thread (CHAINS in ntk_probe.cu). */
  private static final int ITERATIONS = 1 << 14;
  private static final int CHAINS = 8;

  private final CudaContext context;
  private final long copyBytes;
  private final DeviceBuffer in;
  private final DeviceBuffer out;
  private final DeviceBuffer sink;
  private final int fmaBlocks;

  /** Opens GPU {@code device} with two buffers of {@code copyBytes} (a multiple of 16). */
  public CudaRoofline(int device, long copyBytes) {
    this.context = new CudaContext(device);
    this.copyBytes = copyBytes / 16 * 16;
    this.in = new DeviceBuffer(this.copyBytes, "the copy probe");
    this.out = new DeviceBuffer(this.copyBytes, "the copy probe");
    in.clear();
    this.fmaBlocks = context.info().multiprocessors() * 8;
    this.sink = new DeviceBuffer(8L * fmaBlocks * THREADS, "the FMA probe");
  }

  /** Copies the buffer once on the GPU and waits; returns the bytes moved (read + written). */
  public long copy() {
    context.use();
    CUfunction f = context.function(CudaPtx.PROBE, "ntk_probe_copy");
    long vectors = copyBytes / 16;
    context.launch(f, new int[] {context.info().multiprocessors() * 16, 1, 1},
        new int[] {THREADS, 1, 1}, null, in.pointer(), out.pointer(), vectors);
    context.synchronize();
    return 2 * copyBytes;
  }

  /** Runs the FMA probe once and waits; returns the floating-point operations done (2/FMA). */
  public long fma(Precision precision) {
    context.use();
    CUfunction f = context.function(CudaPtx.PROBE, "ntk_probe_fma_" + Suffix.of(precision));
    context.launch(f, new int[] {fmaBlocks, 1, 1}, new int[] {THREADS, 1, 1}, null,
        sink.pointer(), ITERATIONS, Suffix.real(precision, 0.999999), Suffix.real(precision,
            1e-6));
    context.synchronize();
    return 2L * CHAINS * ITERATIONS * fmaBlocks * THREADS;
  }

  /** The GPU measured. */
  public CudaDeviceInfo device() {
    return context.info();
  }

  @Override
  public void close() {
    context.use();
    in.close();
    out.close();
    sink.close();
    context.close();
  }
}
