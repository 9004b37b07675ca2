package org.ntk4j.backend.device;

/**
 * The device (or the host memory it copies into) is out of memory: the tiled backend retries
 * with smaller tiles; elsewhere the message says how much was asked for and how to need less.
 */
public class DeviceOutOfMemoryException extends DeviceException {
  public DeviceOutOfMemoryException(String message) {
    super(message);
  }

  public DeviceOutOfMemoryException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public DeviceOutOfMemoryException within(String context) {
    return new DeviceOutOfMemoryException(context + ": " + getMessage(), this);
  }
}
