package org.ntk4j.backend;

import java.util.List;

/**
 * What a backend says about itself on this machine: whether it can run, and if not, why (no
 * driver, no fp64, wrong library version, ...), so {@code ntk4j devices} and {@code auto} can
 * explain their choice instead of failing with a linkage error.
 *
 * @param name the command-line name, e.g. {@code java}, {@code opencl}
 * @param available whether {@link BackendProvider#open} can succeed here
 * @param reasons why it is not available (empty when it is); or notes worth showing
 * @param description one line: what it runs on (device names, precision, threads)
 */
public record BackendInfo(String name, boolean available, List<String> reasons,
    String description) {

  public BackendInfo {
    reasons = List.copyOf(reasons);
  }

  public static BackendInfo available(String name, String description) {
    return new BackendInfo(name, true, List.of(), description);
  }

  public static BackendInfo unavailable(String name, String description, List<String> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an unavailable backend must say why");
    }
    return new BackendInfo(name, false, reasons, description);
  }
}
