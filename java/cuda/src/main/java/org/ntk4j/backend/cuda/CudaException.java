package org.ntk4j.backend.cuda;

import org.ntk4j.backend.device.DeviceException;

/** A CUDA driver call failed; the message names the call, the CUDA error and what to do. */
public class CudaException extends DeviceException {
  private final int result;

  public CudaException(String message, int result) {
    super(message);
    this.result = result;
  }

  /** The driver's CUresult code. */
  public int result() {
    return result;
  }
}
