package org.ntk4j.backend.opencl;

import java.util.List;
import org.ntk4j.InvalidInputException;

/**
 * What the machine offers: the OpenCL devices found, or the reasons none can be used (no
 * libOpenCL, no platform, no device). Probing never throws.
 */
public record OpenClProbe(List<OpenClDevice> devices, List<String> problems) {

  public OpenClProbe {
    devices = List.copyOf(devices);
    problems = List.copyOf(problems);
  }

  public boolean available() {
    return !devices.isEmpty();
  }

  /** The device with {@code --device} number {@code index}. */
  public OpenClDevice device(int index) {
    if (!available()) {
      throw new OpenClException("no OpenCL device: " + String.join("; ", problems)
          + " (install an OpenCL driver, e.g. Debian's pocl-opencl-icd, or use --backend java)");
    }
    if (index < 0 || index >= devices.size()) {
      throw new InvalidInputException("no OpenCL device " + index + ": there are " + devices.size()
          + " (0.." + (devices.size() - 1) + "); see ntk4j devices");
    }
    return devices.get(index);
  }
}
