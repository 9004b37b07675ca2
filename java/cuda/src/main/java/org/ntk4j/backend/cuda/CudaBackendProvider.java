package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.backend.BackendInfo;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.BackendProvider;
import org.ntk4j.kernel.KernelBackend;

/**
 * The {@code cuda} backend for the registry: available when {@link CudaProbe} finds a driver new
 * enough for the jar's PTX and a Turing-or-newer GPU; {@code auto} prefers it to every other.
 */
public final class CudaBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public BackendInfo probe() {
    CudaStatus s = CudaProbe.status();
    if (!s.available()) {
      return BackendInfo.unavailable(name(), "NVIDIA GPUs through the CUDA driver API",
          s.reasons());
    }
    List<String> gpus = new ArrayList<>();
    for (CudaDeviceInfo d : s.devices()) {
      gpus.add(d.index() + ": " + d.describe() + (d.supported() ? "" : " [too old]"));
    }
    return BackendInfo.available(name(), String.join("; ", gpus) + "; CUDA driver "
        + CudaPtx.versionText(s.driverVersion()) + "; fused kernels from prebuilt PTX; "
        + s.cublasNote());
  }

  @Override
  public KernelBackend open(BackendOptions options) {
    return new CudaKernelBackend(options.device(), options.precision());
  }

  /** A GPU: ahead of the oracle and of OpenCL on the same NVIDIA GPU. */
  @Override
  public int autoRank(BackendInfo info) {
    return 100;
  }
}
