package org.ntk4j.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.ntk4j.kernel.KernelBackend;

/**
 * The registry of backends: lists them with what they say about this machine, and opens one by
 * name, {@code auto} choosing the most preferred that can run. Probes run once per registry and
 * never let an exception or {@link LinkageError} (e.g. a missing native library) escape.
 */
public final class Backends {
  /** The name that picks the best available backend. */
  public static final String AUTO = "auto";

  /**
   * Every backend on the class path: the Java oracle first (so it wins ties), then the device
   * backends that modules register as {@code META-INF/services/org.ntk4j.backend.BackendProvider}
   * (ntk4j-opencl, ntk4j-cuda), by name so the order does not depend on the class path.
   */
  private static List<BackendProvider> discoveredProviders() {
    List<BackendProvider> devices = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())
        .forEach(devices::add);
    devices.sort(Comparator.comparing(BackendProvider::name));
    List<BackendProvider> all = new ArrayList<>();
    all.add(new JavaBackendProvider());
    all.addAll(devices);
    return all;
  }

  private final List<BackendProvider> providers;
  private final Map<String, BackendInfo> probed = new LinkedHashMap<>();

  public Backends(List<BackendProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** The registry of every backend on the class path (see {@link #discoveredProviders()}). */
  public static Backends standard() {
    return new Backends(discoveredProviders());
  }

  /** The names of all backends, in listing order (without {@code auto}). */
  public List<String> names() {
    return providers.stream().map(BackendProvider::name).toList();
  }

  /** Every backend and whether it can run here. */
  public List<BackendInfo> list() {
    List<BackendInfo> out = new ArrayList<>();
    for (BackendProvider p : providers) {
      out.add(info(p));
    }
    return out;
  }

  /** What the backend {@code name} says about this machine. */
  public BackendInfo info(String name) {
    return info(provider(name));
  }

  /** The name {@code auto} resolves to here for a job not known in advance. */
  public String resolveAuto() {
    return resolveAuto(null);
  }

  /** The name {@code auto} resolves to here for {@code job} (null: not known). */
  public String resolveAuto(JobShape job) {
    BackendProvider best = null;
    int bestRank = Integer.MIN_VALUE;
    for (BackendProvider p : providers) {
      BackendInfo info = info(p);
      if (!info.available()) {
        continue;
      }
      int rank = safeRank(p, info, job);
      if (best == null || rank > bestRank) {
        best = p;
        bestRank = rank;
      }
    }
    if (best == null) {
      throw new BackendUnavailableException("no backend can run here; see `ntk4j devices`");
    }
    return best.name();
  }

  /**
   * The one line to show when {@code auto} passes over backends that cannot run here (e.g.
   * "--backend auto uses java; cannot run here: cuda (no NVIDIA driver)"), or empty.
   */
  public Optional<String> autoNotice() {
    return autoNotice(null);
  }

  /** {@link #autoNotice()} for {@code job} (null: not known). */
  public Optional<String> autoNotice(JobShape job) {
    String chosen = resolveAuto(job);
    List<String> skipped = new ArrayList<>();
    for (BackendProvider p : providers) {
      BackendInfo info = info(p);
      if (!info.available()) {
        skipped.add(p.name() + " (" + info.reasons().get(0) + ")");
      }
    }
    return skipped.isEmpty() ? Optional.empty() : Optional.of("--backend auto uses " + chosen
        + "; cannot run here: " + String.join("; ", skipped));
  }

  /**
   * Opens the backend {@code name} ({@code auto} for the best available).
   *
   * @throws BackendUnavailableException for an unknown name or a backend that cannot run here
   */
  public KernelBackend open(String name, BackendOptions options) {
    return open(name, options, null);
  }

  /**
   * {@link #open(String, BackendOptions)}, {@code auto} choosing for {@code job} (null: not
   * known).
   */
  public KernelBackend open(String name, BackendOptions options, JobShape job) {
    BackendProvider p = provider(AUTO.equals(name) ? resolveAuto(job) : name);
    BackendInfo info = info(p);
    if (!info.available()) {
      throw new BackendUnavailableException("backend '" + p.name() + "' cannot run here: "
          + String.join("; ", info.reasons()) + " (see `ntk4j devices`)");
    }
    try {
      return p.open(options);
    } catch (LinkageError e) {
      throw new BackendUnavailableException("backend '" + p.name() + "' failed to load: " + e);
    }
  }

  private BackendProvider provider(String name) {
    for (BackendProvider p : providers) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new BackendUnavailableException("unknown backend '" + name + "'; choose one of "
        + AUTO + ", " + String.join(", ", names()));
  }

  private synchronized BackendInfo info(BackendProvider p) {
    return probed.computeIfAbsent(p.name(), n -> safeProbe(p));
  }

  private static BackendInfo safeProbe(BackendProvider p) {
    try {
      BackendInfo info = p.probe();
      return info != null ? info : BackendInfo.unavailable(p.name(), "",
          List.of("its probe returned nothing"));
    } catch (Exception | LinkageError e) {
      return BackendInfo.unavailable(p.name(), "", List.of("probe failed: " + e));
    }
  }

  private static int safeRank(BackendProvider p, BackendInfo info, JobShape job) {
    try {
      return p.autoRank(info, job);
    } catch (Exception | LinkageError e) {
      return Integer.MIN_VALUE + 1;
    }
  }
}
