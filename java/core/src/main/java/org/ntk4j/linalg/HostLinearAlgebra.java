package org.ntk4j.linalg;

import java.util.Optional;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;
import org.ntk4j.Precision;

/**
 * The linear algebra of the host CPU: native OpenBLAS ({@link NativeLinearAlgebra}) where its
 * natives load, else the pure-Java oracle ({@link JavaLinearAlgebra}) with a one-line notice
 * saying why. The system property {@value #PROPERTY}{@code =java} makes it behave as if the
 * natives did not load (to compare the two paths, or to test the fallback).
 */
public final class HostLinearAlgebra {
  /** {@code java} forces the pure-Java linear algebra; anything else (or unset) is automatic. */
  public static final String PROPERTY = "ntk4j.linalg";

  /** What loading the natives gave: the library's description, or why it failed. */
  record Status(Optional<String> library, Optional<String> failure) {
    boolean loaded() {
      return library.isPresent();
    }
  }

  private static volatile Status nativeStatus;

  private HostLinearAlgebra() {}

  /** The host's best linear algebra in {@code precision} (the oracle computes in float64). */
  public static LinearAlgebra open(Precision precision) {
    return open(precision, status());
  }

  static LinearAlgebra open(Precision precision, Status status) {
    return status.loaded() ? new NativeLinearAlgebra(precision, status.library().get())
        : new JavaLinearAlgebra();
  }

  /** Which linear algebra {@link #open} gives and why, for {@code ntk4j devices}. */
  public static String describe() {
    return describe(status());
  }

  static String describe(Status s) {
    return s.loaded() ? "native BLAS/LAPACK: " + s.library().get()
        : "pure Java (EJML/ojAlgo): " + s.failure().get();
  }

  /** The one-line notice to show when the pure-Java linear algebra is used, or empty. */
  public static Optional<String> fallbackNotice() {
    return fallbackNotice(status());
  }

  static Optional<String> fallbackNotice(Status s) {
    if (s.loaded()) {
      return Optional.empty();
    }
    return Optional.of("native BLAS/LAPACK unavailable (" + s.failure().get()
        + "); linear algebra runs on the slower pure-Java EJML/ojAlgo");
  }

  private static boolean forcedJava() {
    return "java".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
  }

  /** Loads the natives once (the choice of {@value #PROPERTY} is read on every call). */
  static Status status() {
    if (forcedJava()) {
      return new Status(Optional.empty(), Optional.of("disabled with -D" + PROPERTY + "=java"));
    }
    Status s = nativeStatus;
    if (s == null) {
      synchronized (HostLinearAlgebra.class) {
        if (nativeStatus == null) {
          nativeStatus = probe(HostLinearAlgebra::loadOpenBlas);
        }
        s = nativeStatus;
      }
    }
    return s;
  }

  /**
   * Runs {@code loader} (which loads the natives and describes them) and never lets a load
   * failure escape: a missing library, an unsupported platform or a broken jar becomes the
   * failure's description.
   */
  static Status probe(Supplier<String> loader) {
    try {
      return new Status(Optional.of(loader.get()), Optional.empty());
    } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Status(Optional.empty(), Optional.of("the natives did not load: " + why));
    }
  }

  private static String loadOpenBlas() {
    Loader.load(openblas_full.class);
    String config = openblas_full.openblas_get_config().getString().trim();
    return config + ", " + BlasThreads.wanted(System.getProperty(BlasThreads.PROPERTY),
        System.getenv(BlasThreads.ENVIRONMENT), Runtime.getRuntime().availableProcessors())
        + " threads (NTK4J_BLAS_THREADS sets them)";
  }
}
