package org.ntk4j.backend.device;

/** A device failed: the message names the operation, the device's error and what to do. */
public class DeviceException extends RuntimeException {
  public DeviceException(String message) {
    super(message);
  }

  public DeviceException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The same kind of failure, its message prefixed by {@code context} (e.g. which tile). */
  public DeviceException within(String context) {
    return new DeviceException(context + ": " + getMessage(), this);
  }
}
