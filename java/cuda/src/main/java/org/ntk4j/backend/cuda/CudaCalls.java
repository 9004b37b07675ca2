package org.ntk4j.backend.cuda;

import jcuda.driver.CUresult;
import org.ntk4j.backend.device.DeviceOutOfMemoryException;

/** Turns driver result codes into exceptions that say what failed and what to do about it. */
final class CudaCalls {
  private CudaCalls() {}

  /** Throws unless {@code result} is CUDA_SUCCESS; {@code what} names the operation. */
  static void check(int result, String what) {
    if (result == CUresult.CUDA_SUCCESS) {
      return;
    }
    String name = CUresult.stringFor(result);
    if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
      throw new DeviceOutOfMemoryException("out of GPU memory while " + what + " (" + name
          + "): use --precision float32, smaller inputs, or a GPU with more memory");
    }
    throw new CudaException("CUDA error while " + what + ": " + name + hint(result), result);
  }

  private static String hint(int result) {
    if (result == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
        || result == CUresult.CUDA_ERROR_INVALID_PTX) {
      return " (the driver is older than the nvcc that built the PTX: update the NVIDIA driver,"
          + " or rebuild ntk4j with the nvcc of the driver's CUDA version)";
    }
    if (result == CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU) {
      return " (this GPU is older than the PTX target; ntk4j needs compute capability 7.5+)";
    }
    return "";
  }
}
