package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;
import org.ntk4j.backend.device.Grid;
import org.ntk4j.backend.device.KernelArgs;

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
  private final CudaBuffer in;
  private final CudaBuffer out;
  private final CudaBuffer sink;
  private final int fmaBlocks;

  /** Opens GPU {@code device} with two buffers of {@code copyBytes} (a multiple of 16). */
  public CudaRoofline(int device, long copyBytes) {
    this.context = new CudaContext(device);
    this.copyBytes = copyBytes / 16 * 16;
    this.in = context.allocate(this.copyBytes, "the copy probe");
    this.out = context.allocate(this.copyBytes, "the copy probe");
    in.clear();
    this.fmaBlocks = context.info().multiprocessors() * 8;
    this.sink = context.allocate(8L * fmaBlocks * THREADS, "the FMA probe");
  }

  /** Copies the buffer once on the GPU and waits; returns the bytes moved (read + written). */
  public long copy() {
    long vectors = copyBytes / 16;
    context.launch(context.kernel(CudaPtx.PROBE, "ntk_probe_copy"),
        Grid.covering((long) context.info().multiprocessors() * 16 * THREADS, THREADS),
        new KernelArgs().buffer(in).buffer(out).int64(vectors));
    context.synchronize();
    return 2 * copyBytes;
  }

  /** Runs the FMA probe once and waits; returns the floating-point operations done (2/FMA). */
  public long fma(Precision precision) {
    context.launch(context.kernel(CudaPtx.PROBE, "ntk_probe_fma_" + Suffix.of(precision)),
        Grid.covering((long) fmaBlocks * THREADS, THREADS), new KernelArgs().buffer(sink)
            .int32(ITERATIONS).real(precision, 0.999999).real(precision, 1e-6));
    context.synchronize();
    return 2L * CHAINS * ITERATIONS * fmaBlocks * THREADS;
  }

  /** The GPU measured. */
  public CudaDeviceInfo device() {
    return context.info();
  }

  @Override
  public void close() {
    in.close();
    out.close();
    sink.close();
    context.close();
  }
}
