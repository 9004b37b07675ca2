package org.ntk4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntk4j.backend.BackendInfo;
import org.ntk4j.backend.Backends;
import org.ntk4j.backend.BackendUnavailableException;
import org.ntk4j.linalg.HostLinearAlgebra;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ntk4j devices}: every backend, whether it can run here, and why not. */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "Lists the backends, whether each can run on this machine and, if not, why; "
        + "the host's linear algebra (native BLAS/LAPACK, or pure Java and why); and which "
        + "backend --backend auto picks.")
public final class DevicesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Backends backends = Backends.standard();
    List<BackendInfo> infos = backends.list();
    int width = "backend".length();
    for (BackendInfo i : infos) {
      width = Math.max(width, i.name().length());
    }
    String row = "%-" + width + "s  %-7s  %s%n";
    out.printf(row, "backend", "can run", "details");
    for (BackendInfo i : infos) {
      out.printf(row, i.name(), i.available() ? "yes" : "no", i.description());
      for (String reason : i.reasons()) {
        out.printf("%-" + width + "s  %-7s    - %s%n", "", "", reason);
      }
    }
    out.println("linear algebra on the host: " + HostLinearAlgebra.describe());
    try {
      out.println("auto picks: " + backends.resolveAuto());
    } catch (BackendUnavailableException e) {
      out.println("auto picks: nothing (" + e.getMessage() + ")");
    }
    out.flush();
    return 0;
  }
}
