package org.ntk4j.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX modules the build compiled from {@code cuda/*.cu} (cuda/build-ptx.sh), read from the
 * jar, and the driver version each one needs.
 */
public final class CudaPtx {
  /** Every module the backend loads, by resource name under {@code org/ntk4j/cuda/}. */
  public static final String TILE = "ntk_tile";
  public static final String LINALG = "ntk_linalg";
  public static final String PROBE = "ntk_probe";
  static final String[] MODULES = {TILE, LINALG, PROBE};

  private static final Pattern VERSION =
      Pattern.compile("^\\.version\\s+(\\d+)\\.(\\d+)", Pattern.MULTILINE);

  private CudaPtx() {}

  /** The PTX text of {@code module}, or empty when the jar was built without nvcc. */
  public static Optional<String> read(String module) {
    String path = "/org/ntk4j/cuda/" + module + ".ptx";
    try (InputStream in = CudaPtx.class.getResourceAsStream(path)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the jar", e);
    }
  }

  /**
   * The oldest driver (as cuDriverGetVersion reports it, 1000·major + 10·minor) that accepts
   * PTX of this ISA version: ISA 9.0 came with CUDA 13.0, ISA 8.x with CUDA 12.x (8.5 with
   * 12.5, 8.7 with 12.8, 8.8 with 12.9), per the PTX ISA release notes.
   */
  static int requiredDriver(String ptx) {
    Matcher m = VERSION.matcher(ptx);
    if (!m.find()) {
      throw new IllegalArgumentException("not PTX: no .version directive");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major >= 9) {
      return 13000 + 1000 * (major - 9) + 10 * minor;
    }
    if (major == 8) {
      return 12000 + 10 * (minor >= 6 ? minor + 1 : minor);
    }
    return 11000;
  }

  /** 13000 → "13.0". */
  static String versionText(int driverVersion) {
    return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
  }
}
