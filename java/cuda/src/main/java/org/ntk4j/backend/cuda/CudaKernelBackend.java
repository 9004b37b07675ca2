package org.ntk4j.backend.cuda;

import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceKernelBackend;
import org.ntk4j.backend.device.TileKernels;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.linalg.LinearAlgebra;

/**
 * Kernels on one NVIDIA GPU ({@link DeviceKernelBackend}): the architecture's program runs
 * inside the prebuilt fused tile kernel of cuda/ntk_tile.cu, which interprets its encoding
 * ({@link CudaTileKernels}).
 */
public final class CudaKernelBackend extends DeviceKernelBackend {
  /** Largest tile edge: 4 tile buffers of 4096² float64 are 512 MiB of GPU and pinned memory. */
  static final int MAX_EDGE = 4096;

  private final CudaContext context;
  private final int maxEdge;

  /** Opens GPU {@code device} computing in {@code precision}. */
  public CudaKernelBackend(int device, Precision precision) {
    this(device, precision, MAX_EDGE);
  }

  /** The same with tiles of at most {@code maxEdge} rows and columns (tests use small ones). */
  CudaKernelBackend(int device, Precision precision, int maxEdge) {
    this(new CudaContext(device), precision, maxEdge);
  }

  private CudaKernelBackend(CudaContext context, Precision precision, int maxEdge) {
    super("cuda", context, precision);
    this.context = context;
    this.maxEdge = Math.min(maxEdge, MAX_EDGE);
  }

  public CudaDeviceInfo device() {
    return context.info();
  }

  @Override
  protected TileKernels tileKernels(KernelProgram program) {
    return new CudaTileKernels(context, precision(), maxEdge, program);
  }

  /**
   * The GPU's linear algebra on this backend's context, in {@code precision} whatever the
   * kernels' (kernel matrices are ill-conditioned: float64 unless asked, docs/MATH.md §5). It does not close
   * the context; close it before this backend.
   */
  @Override
  public LinearAlgebra linearAlgebra(Precision precision) {
    return new CudaLinearAlgebra(context, false, precision);
  }
}
