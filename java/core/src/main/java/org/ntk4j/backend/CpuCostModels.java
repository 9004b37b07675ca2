package org.ntk4j.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.ntk4j.io.AtomicFiles;

/**
 * Cost models measured on this machine ({@link CpuCostCalibration}), cached on disk so that the
 * calibration runs once per machine: one small properties file per backend under
 * {@code $XDG_CACHE_HOME/ntk4j} (else {@code ~/.cache/ntk4j}; the system property
 * {@value #CACHE_DIR_PROPERTY} overrides), keyed by the CPU model, the number of cores the JVM
 * may use, the ntk4j build and the backend (with its device). A missing, unreadable, corrupt or
 * foreign file means calibrating again; a cache that cannot be written only means calibrating
 * again next time.
 */
public final class CpuCostModels {
  /** The system property naming the cache directory. */
  public static final String CACHE_DIR_PROPERTY = "ntk4j.cacheDir";

  private final Path dir;
  private final String machine;

  /** The cache of this machine, in the user's cache directory. */
  public static CpuCostModels standard() {
    return new CpuCostModels(defaultDir(), machineKey());
  }

  /** A cache in {@code dir} for the machine described by {@code machine}. */
  CpuCostModels(Path dir, String machine) {
    this.dir = dir;
    this.machine = machine;
  }

  /**
   * The cached model of {@code backend} (e.g. {@code java}, {@code opencl <device name>}), or
   * the one {@code calibrate} measures now, stored for next time.
   */
  public CpuCostModel model(String backend, Supplier<CpuCostModel> calibrate) {
    String key = machine + "; backend=" + backend;
    Path file = dir.resolve("cpu-cost-" + backend.split(" ")[0] + "-" + sha1(key).substring(0, 16)
        + ".properties");
    CpuCostModel cached = read(file, key);
    if (cached != null) {
      return cached;
    }
    CpuCostModel measured = calibrate.get();
    write(file, key, measured);
    return measured;
  }

  private static CpuCostModel read(Path file, String key) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      if (!key.equals(p.getProperty("key"))) {
        return null;
      }
      double setup = Double.parseDouble(p.getProperty("setupSeconds"));
      double gram = Double.parseDouble(p.getProperty("gramRate"));
      double layer = Double.parseDouble(p.getProperty("layerRate"));
      boolean sane = setup >= 0 && gram > 0 && layer > 0 && Double.isFinite(setup)
          && Double.isFinite(gram) && Double.isFinite(layer);
      return sane ? new CpuCostModel(setup, gram, layer) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void write(Path file, String key, CpuCostModel m) {
    Properties p = new Properties();
    p.setProperty("key", key);
    p.setProperty("setupSeconds", Double.toString(m.setupSeconds()));
    p.setProperty("gramRate", Double.toString(m.gramRate()));
    p.setProperty("layerRate", Double.toString(m.layerRate()));
    StringWriter text = new StringWriter();
    try {
      p.store(text, "ntk4j: measured cost model for --backend auto (delete to measure again)");
      Files.createDirectories(file.getParent());
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(file, ch -> ch.write(ByteBuffer.wrap(bytes)));
    } catch (IOException | RuntimeException e) {
      // An unwritable cache costs a calibration next time, nothing else.
    }
  }

  private static Path defaultDir() {
    String configured = System.getProperty(CACHE_DIR_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("ntk4j");
  }

  /** CPU model, cores available to this JVM, ntk4j version and build. */
  static String machineKey() {
    return "cpu=" + cpuModel() + "; cores=" + Runtime.getRuntime().availableProcessors()
        + "; ntk4j=" + build();
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the architecture is all there is to go by.
    }
    return System.getProperty("os.arch");
  }

  private static String build() {
    try (InputStream in = CpuCostModels.class.getResourceAsStream("/org/ntk4j/build.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown") + " built " + p.getProperty("built", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("reading org/ntk4j/build.properties", e);
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
