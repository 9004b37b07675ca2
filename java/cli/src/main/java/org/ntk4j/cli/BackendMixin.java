package org.ntk4j.cli;

import org.ntk4j.InvalidInputException;
import org.ntk4j.Precision;
import org.ntk4j.backend.BackendOptions;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.JobShape;
import org.ntk4j.kernel.KernelBackend;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The options every computing command shares: which backend, in what precision, how wide. */
public final class BackendMixin {

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = Backends.AUTO,
      description = "auto (the best that can run here), java, or a device backend; "
          + "'ntk4j devices' lists them. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "float64",
      converter = PrecisionConverter.class,
      description = "float64 or float32: what the backend computes in and the outputs are "
          + "stored as (java always computes in float64). Default: ${DEFAULT-VALUE}.")
  Precision precision;

  @Option(names = "--threads", paramLabel = "N",
      description = "host threads to use. Default: every core.")
  Integer threads;

  @Option(names = "--device", paramLabel = "INDEX", defaultValue = "0",
      description = "device index for device backends, as 'ntk4j devices' lists them. "
          + "Default: ${DEFAULT-VALUE}.")
  int device;

  /** The options as the backend registry takes them. */
  public BackendOptions options() {
    BackendOptions o = BackendOptions.defaults().withPrecision(precision);
    if (threads != null) {
      if (threads < 1) {
        throw new InvalidInputException("--threads must be at least 1, got "
            + threads);
      }
      o = o.withThreads(threads);
    }
    if (device < 0) {
      throw new InvalidInputException("--device must be 0 or more, got "
          + device);
    }
    return o.withDevice(device);
  }

  public Precision precision() {
    return precision;
  }

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** Opens the chosen backend; {@code auto} says in one line on stderr what it passed over. */
  public KernelBackend open(Backends registry) {
    return open(registry, null);
  }

  /** {@link #open(Backends)} with {@code auto} choosing for {@code job} (null: not known). */
  public KernelBackend open(Backends registry, JobShape job) {
    BackendOptions o = options();
    if (Backends.AUTO.equals(backend)) {
      registry.autoNotice(job)
          .ifPresent(n -> Notice.print(command.commandLine().getErr(), n));
    }
    return registry.open(backend, o, job);
  }

  /** Parses {@code float64} / {@code float32} (any case). */
  static final class PrecisionConverter implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
      for (Precision p : Precision.values()) {
        if (p.cliName().equalsIgnoreCase(value)) {
          return p;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a precision; use float64 or"
          + " float32");
    }
  }
}
