package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM's signal handlers survive PoCL: a fresh JVM (whose handlers no driver has touched yet)
 * reads them, lists the OpenCL devices and builds a program, and reads them again.
 */
class JvmSignalHandlersTest {
  /** SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGBUS, SIGSEGV, SIGUSR2, SIGTERM (Linux numbers). */
  private static final int[] JVM_SIGNALS = {1, 2, 3, 4, 7, 11, 12, 15};

  @Test
  void listingDevicesAndBuildingKeepTheJvmsHandlers() throws Exception {
    OpenClTestSupport.requireOpenCl();
    assertTrue(JvmSignalHandlers.available(), "JNA's sigaction must load on Linux");
    List<String> lines = runChild();
    assertEquals(2, lines.size(), "child output: " + lines);
    assertNotEquals(zeros(), lines.get(0), "the JVM installs handlers for these signals");
    assertEquals(lines.get(0), lines.get(1),
        "handlers before / after OpenCL (SIGHUP SIGINT SIGQUIT SIGILL SIGBUS SIGSEGV SIGUSR2"
            + " SIGTERM)");
  }

  private static String zeros() {
    return String.join(" ", java.util.Collections.nCopies(JVM_SIGNALS.length, "0"));
  }

  private static List<String> runChild() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Child.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
    assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
    return out.lines().filter(l -> l.matches("[0-9a-f ]+")).toList();
  }

  /** The child: handler addresses (hex) before and after OpenCL, one line each. */
  static final class Child {
    public static void main(String[] args) {
      System.out.println(handlers());
      OpenClDevice device = OpenClPlatforms.probe().device(0);
      OpenClContext context = new OpenClContext(device);
      context.program("__kernel void one(__global float* a) { a[get_global_id(0)] = 1.0f; }",
          "");
      System.out.println(handlers());
      context.close();
    }

    private static String handlers() {
      StringBuilder s = new StringBuilder();
      for (int signal : JVM_SIGNALS) {
        s.append(s.length() == 0 ? "" : " ").append(Long.toHexString(
            JvmSignalHandlers.handler(signal)));
      }
      return s.toString();
    }
  }
}
