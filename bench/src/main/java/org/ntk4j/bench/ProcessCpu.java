package org.ntk4j.bench;

import org.ntk4j.backend.CpuCostCalibration;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A secondary JMH result: the CPU time the whole process (device and BLAS threads included)
 * spends per operation, as {@code cpuMs} summed over an iteration's {@code ops}. Where other
 * programs load the machine, wall time says little, but CPU time per operation still measures
 * the work: cpuMs / ops / cores is the time on free cores of a job that keeps them all busy.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProcessCpu {
  public double cpuMs;
  public long ops;

  @Setup(Level.Iteration)
  public void clear() {
    cpuMs = 0;
    ops = 0;
  }

  /** Runs {@code work}, adding its CPU time. */
  void measure(Runnable work) {
    cpuMs += CpuCostCalibration.busySeconds(work) * 1e3;
    ops++;
  }
}
