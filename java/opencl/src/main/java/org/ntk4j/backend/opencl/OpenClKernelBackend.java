package org.ntk4j.backend.opencl;

import org.jocl.CLException;
import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.device.DeviceKernelBackend;
import org.ntk4j.backend.device.TileKernels;
import org.ntk4j.kernel.program.KernelProgram;
import org.ntk4j.kernel.tile.Tile;
import org.ntk4j.linalg.HostLinearAlgebra;
import org.ntk4j.linalg.LinearAlgebra;

/**
 * Kernels on an OpenCL device ({@link DeviceKernelBackend}): the architecture becomes one
 * generated, fused kernel (Gram block + layer recursion), built for the device's kind
 * ({@link OpenClTileKernels}).
 */
public final class OpenClKernelBackend extends DeviceKernelBackend {
  /** Runs before each tile's launch; tests throw OpenCL errors from it to simulate failures. */
  interface LaunchHook {
    LaunchHook NONE = (tile, edge) -> { };

    void beforeLaunch(Tile tile, int edge) throws CLException;
  }

  private final OpenClSettings settings;
  private final OpenClContext context;

  /** Opens the device named by {@code settings}. @throws OpenClException if it cannot be used */
  public OpenClKernelBackend(OpenClSettings settings) {
    this(new OpenClContext(checked(OpenClPlatforms.probe().device(settings.device()),
        settings)), settings);
  }

  private OpenClKernelBackend(OpenClContext context, OpenClSettings settings) {
    super("opencl", context, settings.precision());
    this.context = context;
    this.settings = settings;
  }

  public OpenClKernelBackend() {
    this(OpenClSettings.defaults());
  }

  private static OpenClDevice checked(OpenClDevice device, OpenClSettings settings) {
    if (settings.needsFp64() && !device.fp64()) {
      throw new InvalidInputException("OpenCL device " + device.index() + " (" + device.name()
          + ") has no float64 (cl_khr_fp64): use --precision float32 without double"
          + " accumulation, or another device");
    }
    return device;
  }

  public OpenClDevice device() {
    return context.device();
  }

  @Override
  protected TileKernels tileKernels(KernelProgram program) {
    return new OpenClTileKernels(context, settings, program);
  }

  /** Test hook: its OpenCL errors go through the same translation as the device's. */
  void launchHook(LaunchHook hook) {
    beforeEachTile((tile, edge) -> {
      try {
        hook.beforeLaunch(tile, edge);
      } catch (CLException e) {
        throw context.failure(e, "launching the tile kernel");
      }
    });
  }

  /**
   * The linear algebra for this backend's kernels, in {@code precision} whatever the kernels'
   * (NTK solves are ill-conditioned: float64 unless asked, docs/MATH.md §5). A CPU device
   * (PoCL) shares the host's cores, where native LAPACK is an order of magnitude faster than
   * the hand-written device kernels (dpotrf ~70 GFLOP/s against 5–6 on two cores): it gets the
   * host's. A GPU gets its own, in float32 where it has no fp64; close it before the backend.
   */
  @Override
  public LinearAlgebra linearAlgebra(Precision precision) {
    if (!device().isGpu()) {
      return HostLinearAlgebra.open(precision);
    }
    return new OpenClLinearAlgebra(context, false,
        device().fp64() ? precision : Precision.FLOAT32);
  }
}
