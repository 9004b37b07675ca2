package org.ntk4j.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;

/**
 * Finds out, without ever letting a linkage error escape, whether the CUDA backend can run:
 * the driver library loads (libcuda.so.1), is new enough for the PTX in the jar, and lists a
 * GPU of compute capability 7.5 or newer; and whether cuBLAS loads (libcublas.so.12). The
 * result is computed once per JVM: a native library that failed to load cannot be retried.
 */
public final class CudaProbe {
  private static CudaStatus cached;

  private CudaProbe() {}

  public static synchronized CudaStatus status() {
    if (cached == null) {
      cached = probe();
    }
    return cached;
  }

  private static CudaStatus probe() {
    List<String> reasons = new ArrayList<>();
    int required = requiredDriver(reasons);
    int[] version = {0};
    try {
      CudaCalls.check(JCudaDriver.cuDriverGetVersion(version), "asking the driver version");
    } catch (LinkageError e) {
      reasons.add(0, linkageReason(e, "libcuda.so.1",
          "the NVIDIA driver is not installed (libcuda.so.1 not found)"));
      return new CudaStatus(0, List.of(), reasons, false, "not tried: no CUDA driver");
    }
    if (required > 0 && version[0] < required) {
      reasons.add("the NVIDIA driver supports CUDA " + CudaPtx.versionText(version[0])
          + " but the PTX in this jar needs CUDA " + CudaPtx.versionText(required)
          + " (an R580+ driver for CUDA 13): update the driver, or rebuild ntk4j with the"
          + " nvcc of CUDA " + CudaPtx.versionText(version[0]));
    }
    List<CudaDeviceInfo> devices = devices(reasons);
    boolean cublas = false;
    String cublasNote;
    try {
      JCublas2.setExceptionsEnabled(false);
      cublas = true;
      cublasNote = "cuBLAS 12 loaded: GEMM for linear algebra";
    } catch (LinkageError e) {
      cublasNote = "hand-written GEMM: " + linkageReason(e, "libcublas.so.12",
          "libcublas.so.12 not found (JCublas 12.6 needs CUDA 12's cuBLAS)");
    }
    return new CudaStatus(version[0], devices, reasons, cublas, cublasNote);
  }

  /** The driver version the jar's PTX needs; adds a reason when the jar has no PTX. */
  private static int requiredDriver(List<String> reasons) {
    int required = 0;
    List<String> missing = new ArrayList<>();
    for (String module : CudaPtx.MODULES) {
      Optional<String> ptx = CudaPtx.read(module);
      if (ptx.isEmpty()) {
        missing.add(module + ".ptx");
      } else {
        required = Math.max(required, CudaPtx.requiredDriver(ptx.get()));
      }
    }
    if (!missing.isEmpty()) {
      reasons.add("this ntk4j jar was built without nvcc, so it has no CUDA kernels ("
          + String.join(", ", missing) + " missing): rebuild with nvcc on the PATH");
    }
    return required;
  }

  private static List<CudaDeviceInfo> devices(List<String> reasons) {
    int init = JCudaDriver.cuInit(0);
    if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
      reasons.add("the NVIDIA driver found no GPU (cuInit: CUDA_ERROR_NO_DEVICE)");
      return List.of();
    }
    if (init != CUresult.CUDA_SUCCESS) {
      reasons.add("the NVIDIA driver failed to start: cuInit returned "
          + CUresult.stringFor(init));
      return List.of();
    }
    int[] count = {0};
    CudaCalls.check(JCudaDriver.cuDeviceGetCount(count), "counting GPUs");
    List<CudaDeviceInfo> devices = new ArrayList<>();
    for (int i = 0; i < count[0]; i++) {
      devices.add(describe(i));
    }
    if (devices.stream().noneMatch(CudaDeviceInfo::supported)) {
      reasons.add(devices.isEmpty() ? "the NVIDIA driver lists no GPU"
          : "no GPU of compute capability 7.5 or newer (Turing+): " + devices.get(0).describe());
    }
    return devices;
  }

  static CudaDeviceInfo describe(int index) {
    CUdevice device = new CUdevice();
    CudaCalls.check(JCudaDriver.cuDeviceGet(device, index), "opening GPU " + index);
    byte[] name = new byte[256];
    CudaCalls.check(JCudaDriver.cuDeviceGetName(name, name.length, device), "naming GPU");
    int len = 0;
    while (len < name.length && name[len] != 0) {
      len++;
    }
    long[] memory = {0};
    CudaCalls.check(JCudaDriver.cuDeviceTotalMem(memory, device), "asking GPU memory");
    return new CudaDeviceInfo(index, new String(name, 0, len),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
        memory[0],
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT));
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] v = {0};
    CudaCalls.check(JCudaDriver.cuDeviceGetAttribute(v, attribute, device),
        "asking a GPU attribute");
    return v[0];
  }

  /**
   * One line for a native library that failed to load: {@code known} when the missing shared
   * object is {@code library}, else the first line of the loader's message.
   */
  static String linkageReason(LinkageError e, String library, String known) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains(library)) {
        return known;
      }
    }
    String m = String.valueOf(e.getMessage());
    if (e instanceof NoClassDefFoundError) {
      return "the JCuda native library failed to load earlier in this JVM (" + m + ")";
    }
    int nl = m.indexOf('\n');
    return "JCuda's native library failed to load: " + (nl < 0 ? m : m.substring(0, nl));
  }
}
