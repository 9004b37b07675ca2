package org.ntk4j.backend.device;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ntk4j.Precision;

/**
 * A kernel's arguments in the order of its C parameters, each with its C type: the one Java
 * method that launches a kernel builds them, so no caller sets an argument by position.
 */
public final class KernelArgs {
  /** How a runtime passes each kind of argument (OpenCL: clSetKernelArg; CUDA: a pointer). */
  public interface Sink {
    void buffer(DeviceBuffer buffer);

    void int32(int value);

    void int64(long value);

    void float64(double value);

    void float32(float value);
  }

  private final List<Consumer<Sink>> args = new ArrayList<>();

  /** A {@code __global T *}: the buffer's memory. */
  public KernelArgs buffer(DeviceBuffer buffer) {
    args.add(s -> s.buffer(buffer));
    return this;
  }

  /** An {@code int}. */
  public KernelArgs int32(int value) {
    args.add(s -> s.int32(value));
    return this;
  }

  /** An {@code int} flag: 1 for true. */
  public KernelArgs flag(boolean value) {
    return int32(value ? 1 : 0);
  }

  /** A 64-bit integer ({@code long} in OpenCL, {@code long long} in CUDA). */
  public KernelArgs int64(long value) {
    args.add(s -> s.int64(value));
    return this;
  }

  /** A real of the kernel's {@code precision} ({@code double} or {@code float}). */
  public KernelArgs real(Precision precision, double value) {
    args.add(precision == Precision.FLOAT64 ? s -> s.float64(value)
        : s -> s.float32((float) value));
    return this;
  }

  /** The arguments after these: {@code more}'s, in order. */
  public KernelArgs append(KernelArgs more) {
    args.addAll(more.args);
    return this;
  }

  public int size() {
    return args.size();
  }

  /** Hands every argument to {@code sink}, in order. */
  public void passTo(Sink sink) {
    for (Consumer<Sink> a : args) {
      a.accept(sink);
    }
  }
}
