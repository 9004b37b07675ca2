package org.ntk4j.backend.opencl;

import org.ntk4j.backend.device.DeviceException;

/** An OpenCL failure: a device error, a failed kernel build (with its log), no platform. */
public class OpenClException extends DeviceException {
  public OpenClException(String message) {
    super(message);
  }

  public OpenClException(String message, Throwable cause) {
    super(message, cause);
  }
}
