package org.ntk4j.backend.opencl;

/** An OpenCL failure: a device error, a failed kernel build (with its log), no platform. */
public class OpenClException extends RuntimeException {
  public OpenClException(String message) {
    super(message);
  }

  public OpenClException(String message, Throwable cause) {
    super(message, cause);
  }
}
