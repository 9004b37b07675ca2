package org.ntk4j.backend.cuda;

import java.util.List;

/**
 * What the CUDA probe found on this machine.
 *
 * @param driverVersion cuDriverGetVersion (1000·major + 10·minor), 0 when no driver loaded
 * @param devices the GPUs the driver lists (usable or not)
 * @param reasons why the backend cannot run here; empty when it can
 * @param cublas whether cuBLAS (libcublas.so.12, through JCublas) loaded
 * @param cublasNote why cuBLAS is or is not used
 */
public record CudaStatus(int driverVersion, List<CudaDeviceInfo> devices, List<String> reasons,
    boolean cublas, String cublasNote) {

  public CudaStatus {
    devices = List.copyOf(devices);
    reasons = List.copyOf(reasons);
  }

  public boolean available() {
    return reasons.isEmpty();
  }
}
